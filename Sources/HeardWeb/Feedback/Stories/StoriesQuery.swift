import Fluent
import Foundation
import HeardDomain
import HeardStorage
import SQLKit
import Vapor

/// Published stories, filtered and paged. Only published, redacted text ever leaves this query.
struct StoriesQuery {
    struct Filters: Content {
        var place: String?
        var service: String?
        var theme: String?
        var sentiment: String?
        var page: Int?
    }

    static let pageSize = 20

    struct Result {
        var stories: [FeedbackItem]
        var total: Int
        var page: Int
        var pageCount: Int
    }

    static func run(_ filters: Filters, on db: any Database) async throws -> Result {
        var query = FeedbackItem.query(on: db).filter(\.$status == .published)
        if let slug = filters.place, !slug.isEmpty {
            guard let place = try await Place.query(on: db).filter(\.$slug == slug).first() else {
                return Result(stories: [], total: 0, page: 1, pageCount: 1)
            }
            query = query.filter(\.$place.$id == place.id!)
        }
        if let service = filters.service.flatMap(UUID.init(uuidString:)) {
            query = query.filter(\.$service.$id == service)
        }
        if let theme = filters.theme, !theme.isEmpty {
            query = query.join(FeedbackTheme.self, on: \FeedbackTheme.$feedback.$id == \FeedbackItem.$id)
                .filter(FeedbackTheme.self, \.$theme == theme)
        }
        switch filters.sentiment {
        case "positive": query = query.filter(\.$sentiment <= 2)
        case "mixed": query = query.filter(\.$sentiment == 3)
        case "negative": query = query.filter(\.$sentiment >= 4)
        default: break
        }
        let total = try await query.count()
        let pageCount = max(1, (total + pageSize - 1) / pageSize)
        let page = min(max(1, filters.page ?? 1), pageCount)
        let stories = try await query.with(\.$service).with(\.$place).with(\.$replies)
            .sort(\.$publishedAt, .descending).sort(\.$id)
            .range(((page - 1) * pageSize)..<(page * pageSize)).all()
        return Result(stories: stories, total: total, page: page, pageCount: pageCount)
    }
}
