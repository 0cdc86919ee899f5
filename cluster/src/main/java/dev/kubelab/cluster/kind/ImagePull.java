package dev.kubelab.cluster.kind;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.PullResponseItem;
import dev.kubelab.cluster.ClusterException;
import dev.kubelab.cluster.Steps;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.utility.DockerImageName;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pulls the kind node image before the container starts, reporting bytes per layer as {@code docker pull}
 * does — the first pull is about a gigabyte, so a learner needs to see it move.
 */
final class ImagePull {
    private ImagePull() {
    }

    /** Pulls {@code image} unless present; returns false if it was already there. */
    static boolean ensure(String image, Steps.Step step) {
        DockerClient docker = DockerClientFactory.instance().client();
        try {
            docker.inspectImageCmd(image).exec();
            return false;
        } catch (NotFoundException absent) {
            // pull below
        }
        DockerImageName name = DockerImageName.parse(image);
        Map<String, long[]> layers = new ConcurrentHashMap<>();
        try {
            docker.pullImageCmd(name.getUnversionedPart()).withTag(name.getVersionPart())
                    .exec(new ResultCallback.Adapter<PullResponseItem>() {
                        @Override
                        public void onNext(PullResponseItem item) {
                            if (item.getId() != null && item.getProgressDetail() != null && item.getProgressDetail().getTotal() != null
                                    && item.getProgressDetail().getTotal() > 0 && "Downloading".equals(item.getStatus())) {
                                layers.put(item.getId(), new long[]{item.getProgressDetail().getCurrent(), item.getProgressDetail().getTotal()});
                                long cur = layers.values().stream().mapToLong(l -> l[0]).sum();
                                long tot = layers.values().stream().mapToLong(l -> l[1]).sum();
                                step.progress(String.format("%d MB / %d MB", cur >> 20, tot >> 20), (double) cur / tot);
                            }
                        }
                    }).awaitCompletion();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("interrupted while pulling " + image);
        } catch (RuntimeException e) {
            throw new ClusterException("cannot pull " + image + " (the first pull needs the internet, about 1 GB): " + e.getMessage(), e);
        }
    }
}
