import Foundation
import Prometheus
import Vapor

/// Counts requests and times them for `/metrics`. Uses its own registry so each app (and each test) is separate.
final class HTTPMetrics: AsyncMiddleware, Sendable {
    struct Key: StorageKey { typealias Value = HTTPMetrics }

    let registry: PrometheusCollectorRegistry

    init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let started = ContinuousClock.now
        let response: Response
        do {
            response = try await next.respond(to: request)
        } catch {
            record(request, status: (error as? any AbortError)?.status.code ?? 500, since: started)
            throw error
        }
        record(request, status: response.status.code, since: started)
        return response
    }

    static var requests: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "heard", subsystem: "http", metricName: "requests", unitName: "total",
            helpText: "HTTP requests by method, route and status.")
    }

    static var duration: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "heard", subsystem: "http", metricName: "request_duration", unitName: "seconds",
            helpText: "Time to answer HTTP requests.")
    }

    private func record(_ request: Request, status: UInt, since started: ContinuousClock.Instant) {
        // The matched route pattern, not the raw path, keeps the label set small.
        let route = request.route.map { "/" + $0.path.map(\.description).joined(separator: "/") } ?? "unmatched"
        let labels = [("method", request.method.rawValue), ("route", route), ("status", String(status))]
        registry.makeCounter(descriptor: Self.requests, labels: labels).increment()
        registry.makeDurationHistogram(
            descriptor: Self.duration,
            labels: [("method", request.method.rawValue), ("route", route)],
            buckets: [
                .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
                .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(5),
            ]
        ).record(ContinuousClock.now - started)
    }
}
