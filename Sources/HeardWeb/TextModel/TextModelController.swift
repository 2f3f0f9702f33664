import Fluent
import Foundation
import HeardStorage
import HeardText
import SQLKit
import Vapor

/// The text model page: which model reads comments, how well it did in training, how stored feedback
/// compares with its themes, and (for administrators) re-analysing stored feedback with it.
enum TextModelController {
    static let path = SiteURL.settings + "/text-model"

    @Sendable static func show(_ request: Request) async throws -> Response {
        let state = try await state(request)
        return .html(TextModelPage.render(request, state: state, notice: Admin.takeFlash(request)))
    }

    @Sendable static func reanalyse(_ request: Request) async throws -> Response {
        guard request.currentUser?.role == .administrator else {
            throw Abort(.forbidden, reason: "Only administrators can re-analyse stored feedback.")
        }
        guard let model = request.listeningEngine.model else {
            throw Abort(
                .conflict,
                reason: "No text model is loaded, so there is nothing to re-analyse with. See the text model page.")
        }
        guard
            try await ReanalyseFeedbackJob.start(model: model, actor: Admin.actor(request), on: request.db) != nil
        else {
            Admin.flash(request, "A re-analysis is already under way: it was not started again.")
            return request.redirect(to: path)
        }
        Admin.flash(
            request,
            "Re-analysis started. It runs in the background; this page shows how far it has gone.")
        return request.redirect(to: path)
    }

    /// What the page shows about stored feedback.
    struct State {
        var analysed: Int
        var corrected: Int
        /// Themes on stored feedback that the model in use does not have, with how many items carry each.
        var unknownThemes: [(theme: String, items: Int)]
        var current: Job?
        var latest: Job?
    }

    static func state(_ request: Request) async throws -> State {
        let db = request.db
        let analysed = try await FeedbackItem.query(on: db).filter(\.$analysedAt != nil).count()
        let corrected = try await FeedbackItem.query(on: db).filter(\.$analysisCorrectedAt != nil).count()
        let known = request.listeningEngine.themeNames
        return State(
            analysed: analysed, corrected: corrected,
            unknownThemes: try await themesOutside(known, on: db as! any SQLDatabase),
            current: try await ReanalyseFeedbackJob.current(on: db),
            latest: try await ReanalyseFeedbackJob.latest(on: db))
    }

    /// Stored themes not in `known`, counted from the (theme, feedback_id) index.
    static func themesOutside(
        _ known: [String], on sql: any SQLDatabase
    ) async throws -> [(
        theme: String, items: Int
    )] {
        var query = sql.select().column("theme").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "items")
            .from("feedback_themes")
        if !known.isEmpty { query = query.where("theme", .notIn, known) }
        let rows = try await query.groupBy("theme").orderBy("theme").all()
        return try rows.map {
            (try $0.decode(column: "theme", as: String.self), try $0.decode(column: "items", as: Int.self))
        }
    }
}
