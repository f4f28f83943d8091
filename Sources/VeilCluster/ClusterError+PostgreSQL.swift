import NIOSSL
import PostgresNIO

extension ClusterError {
    /// Turns what postgres-nio threw into a `ClusterError` that says what failed and what to do.
    ///
    /// `PSQLError`'s own description hides the server's message on purpose (it may quote
    /// values); the SQLSTATE and message fields used here are the server's words about the
    /// failure, which an operator needs ("password authentication failed for user …").
    static func translating(_ error: any Error, _ operation: String, database: String) -> ClusterError {
        if let error = error as? ClusterError { return error }
        if let error = error as? PostgresTransactionError {
            let inner = error.closureError ?? error.commitError ?? error.beginError ?? error.rollbackError
            if let inner { return translating(inner, operation, database: database) }
        }
        guard let error = error as? PSQLError else {
            return ClusterError(.database, operation, database: database, detail: String(describing: error))
        }
        switch error.code {
        case .server:
            return fromServer(error, operation, database: database)
        case .sslUnsupported:
            return ClusterError(.tls, operation, database: database,
                                detail: "the server does not offer TLS, which the CA file in the settings requires; "
                                    + "turn ssl on in the server, or check cluster.database.host/port")
        case .connectionError where error.underlying is NIOSSLError, .failedToAddSSLHandler,
             .receivedUnencryptedDataAfterSSLRequest:
            let cause = error.underlying.map { String(describing: $0) } ?? error.code.description
            return ClusterError(.tls, operation, database: database,
                                detail: "TLS with the server failed (\(cause)); check that the server's certificate "
                                    + "is signed by the CA in cluster.database.tls.ca and names the host")
        case .connectionError, .serverClosedConnection, .uncleanShutdown:
            let cause = error.underlying.map { String(describing: $0) } ?? error.code.description
            return ClusterError(.unreachable, operation, database: database,
                                detail: "cannot reach PostgreSQL (\(cause)); check that it runs and listens there, "
                                    + "and cluster.database.host/port")
        case .saslError, .unsupportedAuthMechanism, .authMechanismRequiresPassword:
            return ClusterError(.authentication, operation, database: database,
                                detail: "logging in failed (\(error.code)); check cluster.database.user and its password file")
        default:
            return ClusterError(.database, operation, database: database, detail: error.code.description)
        }
    }

    /// An error the server sent, classified by its SQLSTATE (PostgreSQL's appendix A).
    private static func fromServer(_ error: PSQLError, _ operation: String, database: String) -> ClusterError {
        let state = error.serverInfo?[.sqlState] ?? ""
        let message = error.serverInfo?[.message] ?? "no message"
        switch state {
        case "28P01", "28000":
            return ClusterError(.authentication, operation, database: database,
                                detail: "the server refused the login (\(message)); check cluster.database.user and its password file")
        case "3D000":
            return ClusterError(.noDatabase, operation, database: database,
                                detail: "\(message); create it (createdb) or correct cluster.database.name")
        case _ where state.hasPrefix("23"):
            let constraint = error.serverInfo?[.constraintName].map { " (constraint \($0))" } ?? ""
            return ClusterError(.invalidValue, operation, database: database, detail: message + constraint)
        case "57P01", "57P02", "57P03":
            return ClusterError(.unreachable, operation, database: database,
                                detail: "the server is shutting down or starting (\(message)); try again")
        default:
            return ClusterError(.database, operation, database: database, detail: "\(message) (SQLSTATE \(state))")
        }
    }
}
