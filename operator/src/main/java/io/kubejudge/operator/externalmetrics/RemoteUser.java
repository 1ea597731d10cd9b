package io.kubejudge.operator.externalmetrics;

import java.util.List;
import java.util.Map;

/** The user a front proxy forwards a request for (the HPA controller, through kube-apiserver). */
public record RemoteUser(String name, String uid, List<String> groups, Map<String, List<String>> extra) {
}
