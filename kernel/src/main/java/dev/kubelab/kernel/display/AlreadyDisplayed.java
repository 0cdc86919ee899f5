package dev.kubelab.kernel.display;

/** Marks values whose output was already published; as a cell's trailing value they show nothing more. */
public interface AlreadyDisplayed {
}
