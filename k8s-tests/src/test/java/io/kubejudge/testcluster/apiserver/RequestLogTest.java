package io.kubejudge.testcluster.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestLogTest {

    @Test
    void tokensStandForTheirUsers() {
        assertThat(RequestLog.userOf(null)).contains(RequestLog.ANONYMOUS);
        assertThat(RequestLog.userOf("Bearer secret")).as("the fabric8 mock client's placeholder").contains(RequestLog.ANONYMOUS);
        assertThat(RequestLog.userOf("Bearer kubejudge-test-admin")).contains(RequestLog.ADMIN_USER);
        assertThat(RequestLog.userOf("Bearer " + RequestLog.serviceAccountToken("kubejudge", "kubejudge-operator")))
                .contains("system:serviceaccount:kubejudge:kubejudge-operator");
        assertThat(RequestLog.userOf("Bearer kubejudge-test:only-namespace")).isEmpty();
        assertThat(RequestLog.userOf("Bearer someone-else")).isEmpty();
        assertThat(RequestLog.userOf("Basic dXNlcjpwdw==")).isEmpty();
    }

    @Test
    void requestsAreKeptByUserAndCounted() {
        RequestLog log = new RequestLog();
        log.record(ApiRequest.of("a", "GET", "/api/v1/namespaces/ns/pods"), "LIST pods");
        log.record(ApiRequest.of("b", "GET", "/api/v1/namespaces/ns/pods"), "LIST pods");
        log.record(ApiRequest.of("a", "GET", "/api/v1/namespaces/ns/pods/p"), "GET pods");
        assertThat(log.byUser("a")).extracting(ApiRequest::verb).containsExactly("list", "get");
        assertThat(log.counts()).containsEntry("LIST pods", 2L).containsEntry("GET pods", 1L);
        assertThat(log.toString()).contains("LIST pods=2");
    }
}
