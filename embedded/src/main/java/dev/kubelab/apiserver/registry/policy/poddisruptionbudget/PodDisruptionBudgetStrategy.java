package dev.kubelab.apiserver.registry.policy.poddisruptionbudget;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.registry.GenericStrategy;
import dev.kubelab.apiserver.registry.apps.WorkloadValidation;
import dev.kubelab.apiserver.validation.FieldErrors;
import dev.kubelab.apiserver.validation.FieldPath;
import dev.kubelab.apiserver.validation.GoFormat;
import dev.kubelab.apiserver.validation.LabelSelectors;
import java.util.List;

/** pkg/registry/policy/poddisruptionbudget/strategy.go: minAvailable xor maxUnavailable, valid selector. */
public final class PodDisruptionBudgetStrategy extends GenericStrategy {

    private static final FieldPath SPEC = FieldPath.of("spec");
    private static final List<String> EVICTION_POLICIES = List.of("AlwaysAllow", "IfHealthyBudget");

    public PodDisruptionBudgetStrategy() {
        super(true);
    }

    @Override protected boolean hasStatus() { return true; }
    @Override protected boolean tracksGeneration() { return true; }

    @Override
    protected void resetStatus(ObjectNode pdb) {
        // PodDisruptionBudgetStatus' counters have no omitempty: a fresh PDB shows them as 0.
        ObjectNode status = pdb.putObject("status");
        for (String f : new String[] {"currentHealthy", "desiredHealthy", "disruptionsAllowed", "expectedPods"}) status.put(f, 0);
    }

    @Override
    protected void validateObject(ObjectNode pdb, FieldErrors errs) {
        JsonNode spec = pdb.path("spec");
        JsonNode min = spec.get("minAvailable");
        JsonNode max = spec.get("maxUnavailable");
        if (min != null && !min.isNull() && max != null && !max.isNull()) {
            errs.invalid(SPEC, new GoFormat.Raw("policy.PodDisruptionBudgetSpec{MinAvailable:" + min + ", MaxUnavailable:" + max + "}"),
                    "minAvailable and maxUnavailable cannot be both set");
        }
        WorkloadValidation.intOrPercent(min, SPEC.child("minAvailable"), errs);
        WorkloadValidation.intOrPercent(max, SPEC.child("maxUnavailable"), errs);
        LabelSelectors.validate(spec.get("selector"), SPEC.child("selector"), errs);
        String policy = spec.path("unhealthyPodEvictionPolicy").asText("");
        if (!policy.isEmpty() && !EVICTION_POLICIES.contains(policy)) {
            errs.notSupported(SPEC.child("unhealthyPodEvictionPolicy"), policy, EVICTION_POLICIES);
        }
    }
}
