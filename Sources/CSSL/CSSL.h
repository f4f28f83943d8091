#ifndef CSSL_H
#define CSSL_H

// OpenSSL's TLS client for VeilTransport's verified relay. Only VeilTransport imports this
// module (internal import); no OpenSSL type appears above it.
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <openssl/err.h>
#include <openssl/evp.h>

// The functions below are function-like macros over SSL_ctrl/SSL_CTX_ctrl in OpenSSL 3.0, which
// Swift cannot import. Each can go once OpenSSL exports a real function for it.

/// Refuses anything older than `version` (SSL_CTX_set_min_proto_version is a macro).
static inline int CSSL_CTX_set_min_proto_version(SSL_CTX *context, int version) {
    return (int)SSL_CTX_set_min_proto_version(context, version);
}

/// Sets `mode` bits on a context (SSL_CTX_set_mode is a macro).
static inline long CSSL_CTX_set_mode(SSL_CTX *context, long mode) {
    return SSL_CTX_set_mode(context, mode);
}

/// Sends `name` as SNI (SSL_set_tlsext_host_name is a macro; it takes a non-const char *).
static inline int CSSL_set_tlsext_host_name(SSL *ssl, const char *name) {
    return (int)SSL_set_tlsext_host_name(ssl, (char *)name);
}

#endif
