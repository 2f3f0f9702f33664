import HeardDomain
import Vapor

/// Pages with no form: home, accessibility, privacy, dashboard, involvement.
enum PagesController {
    @Sendable static func home(_ request: Request) async throws -> Response {
        let model = try await HomePage.query(request.db, today: request.today)
        return .html(HomePage.render(model, context: PageContext(request, title: "Home")))
    }

    @Sendable static func accessibility(_ request: Request) async throws -> Response {
        .html(AccessibilityPage.render(context: PageContext(request, title: "Accessibility statement")))
    }

    @Sendable static func howToComplain(_ request: Request) async throws -> Response {
        .html(HowToComplainPage.render(context: PageContext(request, title: "How to make a complaint")))
    }

    @Sendable static func privacy(_ request: Request) async throws -> Response {
        .html(PrivacyPage.render(context: PageContext(request, title: "Privacy notice")))
    }

    @Sendable static func dashboard(_ request: Request) async throws -> Response {
        let includeAudit = request.currentUser.map { StaffArea.audit.allows($0.role) } ?? false
        let includeFeedback = request.currentUser.map { StaffArea.feedback.allows($0.role) } ?? false
        let includeBoards = request.currentUser.map { StaffArea.boards.allows($0.role) } ?? false
        let includeIdeas = request.currentUser.map { StaffArea.initiatives.allows($0.role) } ?? false
        let model = try await DashboardPage.query(
            request.db, includeAudit: includeAudit,
            feedbackFilters: includeFeedback ? try await DashboardFilters.read(request) : nil,
            includeBoards: includeBoards, includeIdeas: includeIdeas, today: request.today)
        return .html(
            DashboardPage.render(
                model, context: PageContext(request, title: "Dashboard"),
                engineProblem: request.listeningEngine.modelProblem, setupWarning: PlaceholderContact.banner(request)))
    }
}
