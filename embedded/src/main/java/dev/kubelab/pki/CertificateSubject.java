package dev.kubelab.pki;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * The parts of a certificate's subject Kubernetes reads: CN is the user name, each O a group
 * (k8s.io/apiserver/pkg/authentication/request/x509.CommonNameUserConversion).
 *
 * @param commonName    the CN, or null when the subject has none
 * @param organizations the O values in certificate (ASN.1) order, the order Go's Subject.Organization keeps
 */
public record CertificateSubject(String commonName, List<String> organizations) {

    public CertificateSubject {
        organizations = List.copyOf(organizations);
    }

    /** The subject of cert; IllegalArgumentException when its distinguished name cannot be parsed. */
    public static CertificateSubject of(X509Certificate cert) {
        String cn = null;
        List<String> orgs = new ArrayList<>();
        try {
            for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) cn = rdn.getValue().toString();
                else if (rdn.getType().equalsIgnoreCase("O")) orgs.add(rdn.getValue().toString());
            }
        } catch (InvalidNameException e) {
            throw new IllegalArgumentException("unparseable certificate subject: " + e.getMessage(), e);
        }
        return new CertificateSubject(cn, orgs);
    }
}
