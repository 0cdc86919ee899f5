/**
 * Validators shared by the strategies, mirroring k8s.io/apimachinery/pkg/util/validation and
 * pkg/apis/core/validation: names (DNS-1123 label/subdomain, DNS-1035), qualified names, label values, ports,
 * quantities, label selectors, object meta. {@link dev.kubelab.apiserver.validation.FieldErrors} words the causes
 * as apimachinery's field errors do ({@code Invalid value: "x": …}, reasons {@code FieldValueInvalid}, …).
 */
package dev.kubelab.apiserver.validation;
