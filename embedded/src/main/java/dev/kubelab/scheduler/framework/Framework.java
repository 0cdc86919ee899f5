package dev.kubelab.scheduler.framework;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One scheduling profile: its plugins per extension point, in order, and the score weights; runs the
 * extension points as kube-scheduler's {@code frameworkImpl} does (PreFilter → Filter → PostFilter →
 * PreScore → Score/NormalizeScore/weights → Bind).
 */
public final class Framework {

    private final String profileName;
    private final QueueSortPlugin queueSort;
    private final List<PreFilterPlugin> preFilter;
    private final List<FilterPlugin> filter;
    private final List<PostFilterPlugin> postFilter;
    private final List<PreScorePlugin> preScore;
    private final List<ScorePlugin> score;
    private final Map<String, Integer> scoreWeights;
    private final List<BindPlugin> bind;
    private final List<Plugin> all;
    private Handle handle;

    private Framework(Builder b) {
        this.profileName = b.profileName;
        this.queueSort = b.queueSort;
        this.preFilter = List.copyOf(b.preFilter);
        this.filter = List.copyOf(b.filter);
        this.postFilter = List.copyOf(b.postFilter);
        this.preScore = List.copyOf(b.preScore);
        this.score = List.copyOf(b.score);
        this.scoreWeights = Map.copyOf(b.scoreWeights);
        this.bind = List.copyOf(b.bind);
        this.all = List.copyOf(b.all);
        this.handle = b.handle;
    }

    public static Builder builder(String profileName) {
        return new Builder(profileName);
    }

    public String profileName() { return profileName; }
    public QueueSortPlugin queueSortPlugin() { return queueSort; }
    public List<FilterPlugin> filterPlugins() { return filter; }
    public List<ScorePlugin> scorePlugins() { return score; }
    public List<PostFilterPlugin> postFilterPlugins() { return postFilter; }
    public List<Plugin> plugins() { return all; }
    public int scoreWeight(String plugin) { return scoreWeights.getOrDefault(plugin, 1); }
    public Handle handle() { return handle; }

    /** The cluster events each plugin registered (plugins without EnqueueExtensions: none). */
    public Map<String, List<ClusterEvent>> eventsToRegister() {
        Map<String, List<ClusterEvent>> m = new LinkedHashMap<>();
        for (Plugin p : all) {
            if (p instanceof EnqueueExtensions e) {
                m.put(p.name(), e.eventsToRegister());
            }
        }
        return m;
    }

    public boolean less(QueuedPodInfo a, QueuedPodInfo b) {
        return queueSort.less(a, b);
    }

    /** PreFilter: the first rejection or error stops the run; Skip marks the plugin's Filter as skipped. */
    public Status runPreFilterPlugins(CycleState state, Pod pod) {
        for (PreFilterPlugin pl : preFilter) {
            Status s = pl.preFilter(state, pod);
            if (s.isSkip()) {
                state.skipFilterPlugins.add(pl.name());
                continue;
            }
            if (!s.isSuccess()) {
                if (s.isRejected()) {
                    return s.withPlugin(pl.name());
                }
                return Status.error("running PreFilter plugin \"" + pl.name() + "\": " + s.message()).withPlugin(pl.name());
            }
        }
        return Status.success();
    }

    /** Filter on one node: the first plugin that does not return Success decides (kube-scheduler stops there too). */
    public Status runFilterPlugins(CycleState state, Pod pod, NodeInfo nodeInfo) {
        for (FilterPlugin pl : filter) {
            if (state.skipFilterPlugins.contains(pl.name())) {
                continue;
            }
            Status s = pl.filter(state, pod, nodeInfo);
            if (!s.isSuccess()) {
                if (!s.isRejected()) {
                    return Status.error("running \"" + pl.name() + "\" filter plugin: " + s.message()).withPlugin(pl.name());
                }
                return s.withPlugin(pl.name());
            }
        }
        return Status.success();
    }

    /**
     * Filter with the pods nominated to this node (of priority ≥ the pod's) counted as if they ran there,
     * then — if there were any — once more without them, as {@code RunFilterPluginsWithNominatedPods}:
     * the pod must fit both ways.
     */
    public Status runFilterPluginsWithNominatedPods(CycleState state, Pod pod, NodeInfo nodeInfo) {
        List<PodInfo> nominated = new ArrayList<>();
        if (handle != null && nodeInfo.node() != null) {
            int prio = PodKeys.priority(pod);
            for (PodInfo pi : handle.nominator().nominatedPodsForNode(nodeInfo.nodeName())) {
                if (PodKeys.priority(pi.pod()) >= prio && !pi.key().equals(PodKeys.key(pod))) {
                    nominated.add(pi);
                }
            }
        }
        if (!nominated.isEmpty()) {
            NodeInfo withNominated = nodeInfo.snapshot();
            nominated.forEach(withNominated::addPodInfo);
            CycleState s2 = new CycleState(NodeInfoLister.withReplaced(state.nodeInfos(), withNominated));
            Status pre = runPreFilterPlugins(s2, pod);
            Status st = pre.isSuccess() ? runFilterPlugins(s2, pod, withNominated) : pre;
            if (!st.isSuccess()) {
                return st;
            }
        }
        return runFilterPlugins(state, pod, nodeInfo);
    }

    /** PostFilter: the first plugin returning Success wins; otherwise the last rejection is returned. */
    public PostFilterPlugin.Result runPostFilterPlugins(CycleState state, Pod pod, Map<String, Status> nodeToStatus) {
        PostFilterPlugin.Result last = new PostFilterPlugin.Result(null, Status.of(Code.Unschedulable));
        for (PostFilterPlugin pl : postFilter) {
            PostFilterPlugin.Result r = pl.postFilter(state, pod, nodeToStatus);
            if (r.status().isSuccess()) {
                return r;
            }
            if (!r.status().isRejected()) {
                return new PostFilterPlugin.Result(r.nominatedNodeName(), r.status().withPlugin(pl.name()));
            }
            last = new PostFilterPlugin.Result(r.nominatedNodeName(), r.status().withPlugin(pl.name()));
        }
        return last;
    }

    public Status runPreScorePlugins(CycleState state, Pod pod, List<NodeInfo> nodes) {
        for (PreScorePlugin pl : preScore) {
            Status s = pl.preScore(state, pod, nodes);
            if (s.isSkip()) {
                state.skipScorePlugins.add(pl.name());
            } else if (!s.isSuccess()) {
                return Status.error("running PreScore plugin \"" + pl.name() + "\": " + s.message()).withPlugin(pl.name());
            }
        }
        return Status.success();
    }

    /**
     * Score every node with every (non-skipped) score plugin, normalise, check the range and apply
     * the profile weights. Returns one entry per node, in the nodes' order.
     */
    public List<NodePluginScores> runScorePlugins(CycleState state, Pod pod, List<NodeInfo> nodes) throws SchedulingException {
        List<ScorePlugin> active = new ArrayList<>();
        for (ScorePlugin pl : score) {
            if (!state.skipScorePlugins.contains(pl.name())) {
                active.add(pl);
            }
        }
        long[][] raw = new long[active.size()][nodes.size()];
        long[][] normalized = new long[active.size()][nodes.size()];
        for (int p = 0; p < active.size(); p++) {
            ScorePlugin pl = active.get(p);
            List<NodeScore> scores = new ArrayList<>(nodes.size());
            for (int n = 0; n < nodes.size(); n++) {
                long s = pl.score(state, pod, nodes.get(n));
                raw[p][n] = s;
                scores.add(new NodeScore(nodes.get(n).nodeName(), s));
            }
            if (pl.hasScoreExtensions()) {
                Status st = pl.normalizeScore(state, pod, scores);
                if (!st.isSuccess()) {
                    throw new SchedulingException("running Normalize on Score plugins: plugin \"" + pl.name() + "\" failed: " + st.message());
                }
            }
            for (int n = 0; n < nodes.size(); n++) {
                long s = scores.get(n).score;
                if (s > ScorePlugin.MAX_NODE_SCORE || s < ScorePlugin.MIN_NODE_SCORE) {
                    throw new SchedulingException("plugin \"" + pl.name() + "\" returns an invalid score " + s
                            + ", it should in the range of [0, 100] after normalizing");
                }
                normalized[p][n] = s;
            }
        }
        List<NodePluginScores> out = new ArrayList<>(nodes.size());
        for (int n = 0; n < nodes.size(); n++) {
            List<NodePluginScores.PluginScore> ps = new ArrayList<>(active.size());
            long total = 0;
            for (int p = 0; p < active.size(); p++) {
                int w = scoreWeight(active.get(p).name());
                long weighted = normalized[p][n] * w;
                total += weighted;
                ps.add(new NodePluginScores.PluginScore(active.get(p).name(), raw[p][n], normalized[p][n], w, weighted));
            }
            out.add(new NodePluginScores(nodes.get(n).nodeName(), Collections.unmodifiableList(ps), total));
        }
        return out;
    }

    /** Bind: the first bind plugin that does not Skip binds. */
    public CompletionStage<Status> runBindPlugins(CycleState state, Pod pod, String nodeName) {
        if (bind.isEmpty()) {
            return CompletableFuture.completedFuture(Status.error("no bind plugin"));
        }
        CompletionStage<Status> result = bind.get(0).bind(state, pod, nodeName);
        for (int i = 1; i < bind.size(); i++) {
            BindPlugin next = bind.get(i);
            result = result.thenCompose(s -> s.isSkip() ? next.bind(state, pod, nodeName) : CompletableFuture.completedFuture(s));
        }
        return result;
    }

    /** Builds a profile; plugins are registered at each extension point they implement, in call order. */
    public static final class Builder {
        private final String profileName;
        private QueueSortPlugin queueSort;
        private final List<PreFilterPlugin> preFilter = new ArrayList<>();
        private final List<FilterPlugin> filter = new ArrayList<>();
        private final List<PostFilterPlugin> postFilter = new ArrayList<>();
        private final List<PreScorePlugin> preScore = new ArrayList<>();
        private final List<ScorePlugin> score = new ArrayList<>();
        private final Map<String, Integer> scoreWeights = new LinkedHashMap<>();
        private final List<BindPlugin> bind = new ArrayList<>();
        private final List<Plugin> all = new ArrayList<>();
        private Handle handle;

        private Builder(String profileName) {
            this.profileName = profileName;
        }

        /** Registers {@code p} at every extension point it implements ("multiPoint"); {@code weight} applies to Score. */
        public Builder add(Plugin p, int weight) {
            all.add(p);
            if (p instanceof QueueSortPlugin q) { queueSort = q; }
            if (p instanceof PreFilterPlugin x) { preFilter.add(x); }
            if (p instanceof FilterPlugin x) { filter.add(x); }
            if (p instanceof PostFilterPlugin x) { postFilter.add(x); }
            if (p instanceof PreScorePlugin x) { preScore.add(x); }
            if (p instanceof ScorePlugin x) { score.add(x); scoreWeights.put(p.name(), weight); }
            if (p instanceof BindPlugin x) { bind.add(x); }
            return this;
        }

        public Builder add(Plugin p) {
            return add(p, 1);
        }

        public Builder handle(Handle handle) {
            this.handle = handle;
            return this;
        }

        public Framework build() {
            if (queueSort == null) {
                throw new IllegalStateException("a profile needs a QueueSort plugin");
            }
            return new Framework(this);
        }
    }
}
