import HTTPTypes
import Hummingbird

/// Headers on every response: pages may load only the console's own scripts and media, may
/// not be framed, and nothing is cached (footage and API answers are for this user only).
enum SecurityHeaders {
    static let contentSecurityPolicy = "default-src 'self'; media-src 'self' blob:; img-src 'self' data:; "
        + "style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"

    static func add(to response: inout Response, path: String, overTLS: Bool) {
        response.headers[.contentSecurityPolicy] = contentSecurityPolicy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        if overTLS { response.headers[.strictTransportSecurity] = "max-age=31536000" }
    }
}
