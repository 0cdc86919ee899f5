/**
 * meta.k8s.io/v1 Table columns and rows per kind, as pkg/printers/internalversion/printers.go: the same column
 * names, types, formats and (field-doc) descriptions, the same cell logic (pod STATUS reasons, node roles,
 * service EXTERNAL-IP, …). The server always returns the priority-1 (-o wide) cells; kubectl hides them.
 * Ages use {@link dev.kubelab.apiserver.printers.HumanDuration} against a {@link java.time.Clock}.
 */
package dev.kubelab.apiserver.printers;
