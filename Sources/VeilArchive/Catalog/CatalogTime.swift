package import Foundation

/// Catalog times: `Date` ↔ integer microseconds since the Unix epoch (UTC). Package-visible:
/// the cluster catalog (VeilCluster) stores its times the same way.
package enum CatalogTime {
    package static func microseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
    }

    package static func date(_ microseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(microseconds) / 1_000_000)
    }
}
