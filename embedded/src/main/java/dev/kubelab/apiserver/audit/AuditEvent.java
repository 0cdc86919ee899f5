package dev.kubelab.apiserver.audit;

/**
 * One record of what the API server did, audit-log-like: a request (stage "ResponseComplete"),
 * an etcd write ("Storage", with key and revision) or a watch notification ("WatchEvent").
 */
public record AuditEvent(long timeNanos, long epochMillis, String stage, String user, String userAgent, String verb,
                         String resource, String namespace, String name, int code, String etcdKey, long revision) {}
