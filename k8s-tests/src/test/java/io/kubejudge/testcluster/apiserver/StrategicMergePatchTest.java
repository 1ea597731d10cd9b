package io.kubejudge.testcluster.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class StrategicMergePatchTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String s) throws Exception {
        return JSON.readTree(s.replace('\'', '"'));
    }

    @Test
    void containersMergeByNameKeepingTheOthersInTheGivenOrder() throws Exception {
        JsonNode target = json("{'spec':{'containers':[{'name':'web','image':'w:1','env':[{'name':'A','value':'1'}]},"
                + "{'name':'side','image':'s:1'}]}}");
        JsonNode patch = json("{'spec':{'$setElementOrder/containers':[{'name':'web'},{'name':'side'}],"
                + "'containers':[{'name':'web','image':'w:2','$setElementOrder/env':[{'name':'A'},{'name':'B'}],"
                + "'env':[{'name':'B','value':'2'}]}]}}");
        JsonNode result = StrategicMergePatch.apply(target, patch);
        assertThat(result).isEqualTo(json("{'spec':{'containers':[{'name':'web','image':'w:2',"
                + "'env':[{'name':'A','value':'1'},{'name':'B','value':'2'}]},{'name':'side','image':'s:1'}]}}"));
    }

    @Test
    void directivesDeleteElementsAndFieldsInsteadOfBeingStored() throws Exception {
        JsonNode target = json("{'metadata':{'labels':{'a':'1','b':'2'},'finalizers':['x']},"
                + "'spec':{'volumes':[{'name':'v1'},{'name':'v2'}],'args':['a','b']}}");
        JsonNode patch = json("{'metadata':{'labels':{'b':null},'finalizers':['y']},"
                + "'spec':{'volumes':[{'name':'v1','$patch':'delete'}],'$deleteFromPrimitiveList/args':['a']}}");
        assertThat(StrategicMergePatch.apply(target, patch)).isEqualTo(json("{'metadata':{'labels':{'a':'1'},"
                + "'finalizers':['x','y']},'spec':{'volumes':[{'name':'v2'}],'args':['b']}}"));
    }

    @Test
    void listsWithoutAMergeKeyAreReplaced() throws Exception {
        JsonNode target = json("{'spec':{'tolerations':[{'key':'a'}],'ports':[{'port':80,'name':'http'}]}}");
        JsonNode patch = json("{'spec':{'tolerations':[{'key':'b'}],'ports':[{'port':443,'name':'https'}]}}");
        assertThat(StrategicMergePatch.apply(target, patch)).isEqualTo(json(
                "{'spec':{'tolerations':[{'key':'b'}],'ports':[{'port':80,'name':'http'},{'port':443,'name':'https'}]}}"));
    }
}
