import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Vapor

/// The public stories page and a single story with its reply.
enum StoriesController {
    @Sendable static func index(_ request: Request) async throws -> Response {
        // Read one by one, not decoded: a page that is not a number shows the first page instead of failing.
        let filters = StoriesQuery.Filters(
            place: request.query[String.self, at: "place"], service: request.query[String.self, at: "service"],
            theme: request.query[String.self, at: "theme"], sentiment: request.query[String.self, at: "sentiment"],
            page: ListPage.requested(request))
        let problems = try await StoriesQuery.problems(
            in: filters, modelThemes: request.listeningEngine.themeNames, on: request.db)
        // A misspelt filter shows nothing, and says why, rather than every story or a bare "0 stories".
        let result =
            problems.isEmpty
            ? try await StoriesQuery.run(filters, on: request.db)
            : StoriesQuery.Result(stories: [], total: 0, page: 1, pageCount: 1)
        let places = try await Place.query(on: request.db).sort(\.$name).all()
        let services = try await Service.query(on: request.db).sort(\.$name).all()
        let themes = ListeningEngine.namedThemes(try await StoriesQuery.themeNames(on: request.db))
        return .html(
            StoriesPages.index(
                context: PageContext(request, title: "Stories"), result: result, filters: filters,
                places: places, services: services, themes: themes, problems: problems.map(\.page)))
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        guard let reference = request.parameters.get("reference"),
            let item = try await FeedbackItem.query(on: request.db).filter(\.$reference == reference)
                .filter(\.$status ~~ [.published, .withdrawn]).with(\.$service).with(\.$place).with(\.$replies)
                .first()
        else { throw Abort(.notFound) }
        // A withdrawn story's address was shared and linked: say it was withdrawn (410), showing nothing of it.
        guard item.status == .published else {
            return .html(
                StoriesPages.withdrawn(context: PageContext(request, title: "Story withdrawn")), status: .gone)
        }
        return .html(StoriesPages.story(context: PageContext(request, title: "Story \(reference)"), item: item))
    }
}
