import Fluent
import HeardStorage
import Prometheus
import SQLKit
import Vapor

/// `/health` for load balancers and `/metrics` for Prometheus (for this machine or the metrics token only).
enum OperationsController {
    struct Health: Content {
        var status: String
        var database: String
        var instance: String
    }

    @Sendable static func health(_ request: Request) async throws -> Response {
        let instance = request.heardConfiguration.instanceID
        do {
            _ = try await (request.db as! any SQLDatabase).raw("SELECT 1 AS ok").first()
            return try await Health(status: "ok", database: "ok", instance: instance).encodeResponse(for: request)
        } catch {
            request.logger.error("Health check could not reach the database: \(DatabaseErrorText.describe(error))")
            let response = try await Health(status: "unavailable", database: "unreachable", instance: instance)
                .encodeResponse(for: request)
            response.status = .serviceUnavailable
            return response
        }
    }

    static var jobsDescriptor: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "heard", metricName: "jobs", unitName: "count", helpText: "Background jobs by status.")
    }

    static var feedbackCommitsDescriptor: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "heard", subsystem: "feedback", metricName: "group_commits", unitName: "total",
            helpText: "Transactions that stored new feedback since this instance started (one per group commit).")
    }

    static var feedbackCommittedDescriptor: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "heard", subsystem: "feedback", metricName: "items_committed", unitName: "total",
            helpText: "New feedback items stored by those transactions.")
    }

    @Sendable static func metrics(_ request: Request) async throws -> Response {
        switch MetricsAccess.decide(
            token: request.heardConfiguration.metricsToken, headers: request.headers, peer: request.remoteAddress)
        {
        case .allowed: break
        case .wrongToken: return MetricsAccess.unauthorized()
        case .notFound: throw Abort(.notFound)
        }
        guard let metrics = request.application.storage[HTTPMetrics.Key.self] else { throw Abort(.notFound) }
        // Job counts are read at scrape time so every instance reports the shared queue.
        if let counts = try? await JobQueue(database: request.db, workerID: "metrics").counts() {
            for (status, count) in counts {
                metrics.registry.makeGauge(descriptor: jobsDescriptor, labels: [("status", status.rawValue)]).set(
                    Double(count))
            }
        }
        if let committer = request.application.feedbackCommitter {
            metrics.registry.makeGauge(descriptor: feedbackCommitsDescriptor).set(
                Double(await committer.groupsCommitted))
            metrics.registry.makeGauge(descriptor: feedbackCommittedDescriptor).set(
                Double(await committer.writesCommitted))
        }
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(
            type: "text", subType: "plain", parameters: ["version": "0.0.4", "charset": "utf-8"])
        return Response(status: .ok, headers: headers, body: .init(string: metrics.registry.emitToString()))
    }
}
