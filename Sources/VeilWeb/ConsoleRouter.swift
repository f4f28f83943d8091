import Hummingbird

/// Every route of the console behind one access check.
enum ConsoleRouter {
    static func make(services: ConsoleServices) -> Router<ConsoleContext> {
        let router = Router(context: ConsoleContext.self)
        router.add(middleware: AccessControl(services: services))
        SessionRoutes(services: services).add(to: router)
        CameraRoutes(services: services).add(to: router)
        LiveRoutes(services: services).add(to: router)
        RecordedRoutes(services: services).add(to: router)
        ExportRoutes(services: services).add(to: router)
        StatusRoutes(services: services).add(to: router)
        OccupancyRoutes(services: services).add(to: router)
        PeerRoutes(services: services).add(to: router)
        PageRoutes(services: services).add(to: router)
        return router
    }
}
