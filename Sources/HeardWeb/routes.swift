import HeardDomain
import Vapor

/// Every route, grouped by who may use it. Paths come from `SiteURL`.
func routes(_ app: Application) throws {
    // MARK: Operations (no session, no cookies)
    app.get("health", use: OperationsController.health)
    app.get("metrics", use: OperationsController.metrics)
    // Open data downloads need no session: streamed CSV, the same for everyone.
    app.get("open-data", ":file", use: OpenDataController.download)

    // MARK: JSON API (no session; staff endpoints use bearer tokens in later issues)
    let api = app.grouped("api")
    api.get("openapi.json", use: APIController.openAPIDocument)
    let v1 = api.grouped("v1")
    v1.get("organisations", use: APIController.organisations)
    v1.get("places", use: APIController.places)
    v1.get("services", use: APIController.services)
    v1.post("feedback", use: FeedbackAPIController.create)
    v1.grouped(BearerTokenMiddleware(area: .feedback)).get("feedback", ":id", use: FeedbackAPIController.show)
    v1.get("stories", use: FeedbackAPIController.stories)
    v1.get("loop-closure", use: FeedbackAPIController.loopClosure)
    v1.get("boards", use: BoardsAPI.list)
    v1.grouped(BearerTokenMiddleware(area: .complaints)).get("complaints", use: ComplaintsAPI.list)
    api.get("**") { _ -> Response in
        throw APIError(.notFound, "No API endpoint at this address. See /api/openapi.json.")
    }

    // MARK: Browser pages: database sessions, the signed-in person, CSRF on every form
    let browser = app.grouped(app.sessions.middleware, SessionUserMiddleware(), CSRFMiddleware())
    browser.get(use: PagesController.home)
    browser.get("accessibility", use: PagesController.accessibility)
    browser.get("open-data", use: OpenDataController.index)
    browser.get("sign-in", use: SignInController.show)
    browser.post("sign-in", use: SignInController.submit)
    browser.post("sign-out", use: SignInController.signOut)

    let involvement = browser.grouped(AreaGuard(area: .involvement))
    involvement.get("me", use: IdeasController.mine)
    involvement.post("me", "ideas", use: IdeasController.submit)
    involvement.post("me", "invitations", ":id", use: InvitationsController.reply)
    involvement.post("me", "declarations", ":id", use: BoardsController.selfDeclare)
    browser.get("ideas", use: IdeasController.published)

    // MARK: Public feedback: share, stories, you said we did
    browser.get("feedback", use: ShareController.chooseService)
    browser.get("feedback", "new", use: ShareController.showForm)
    browser.post("feedback", "new", use: ShareController.submit)
    browser.get("feedback", "thank-you", use: ShareController.thankYou)
    browser.get("stories", use: StoriesController.index)
    browser.get("stories", ":reference", use: StoriesController.show)
    browser.get("you-said-we-did", use: YouSaidWeDidController.index)
    browser.get("you-said-we-did", "places", ":slug", use: YouSaidWeDidController.place)
    browser.get("you-said-we-did", "organisations", ":id", use: YouSaidWeDidController.organisation)
    browser.get("you-said-we-did", "services", ":id", use: YouSaidWeDidController.service)

    let staff = browser.grouped("staff")
    staff.grouped(AreaGuard(area: .dashboard)).get(use: PagesController.dashboard)
    staff.grouped(AreaGuard(area: .feedback)).get("dashboard", ":table", use: DashboardCSV.download)
    staff.grouped(AreaGuard(area: .feedback)).post("alerts", ":id", "acknowledge", use: AlertsController.acknowledge)

    let reference = staff.grouped(AreaGuard(area: .referenceData))
    reference.get("organisations", use: OrganisationsController.index)
    reference.get("organisations", "new", use: OrganisationsController.new)
    reference.post("organisations", "new", use: OrganisationsController.create)
    reference.get("organisations", ":id", "edit", use: OrganisationsController.edit)
    reference.post("organisations", ":id", "edit", use: OrganisationsController.update)
    reference.get("places", use: PlacesController.index)
    reference.get("places", "new", use: PlacesController.new)
    reference.post("places", "new", use: PlacesController.create)
    reference.get("places", ":id", "edit", use: PlacesController.edit)
    reference.post("places", ":id", "edit", use: PlacesController.update)
    reference.get("services", use: ServicesController.index)
    reference.get("services", "new", use: ServicesController.new)
    reference.post("services", "new", use: ServicesController.create)
    reference.get("services", ":id", "edit", use: ServicesController.edit)
    reference.post("services", ":id", "edit", use: ServicesController.update)

    let users = staff.grouped(AreaGuard(area: .users))
    users.get("users", use: UsersController.index)
    users.get("users", "new", use: UsersController.new)
    users.post("users", "new", use: UsersController.create)
    users.post("users", ":id", "activate", use: UsersController.activate)
    users.post("users", ":id", "deactivate", use: UsersController.deactivate)

    staff.grouped(AreaGuard(area: .audit)).get("audit", use: AuditController.index)

    // MARK: Staff feedback work
    let moderation = staff.grouped(AreaGuard(area: .moderation))
    moderation.get("moderation", use: ModerationController.queue)
    moderation.get("moderation", ":id", use: ModerationController.show)
    moderation.post("moderation", ":id", use: ModerationController.decide)

    let complaints = staff.grouped(AreaGuard(area: .complaints))
    complaints.get("complaints", use: ComplaintsController.index)
    complaints.get("complaints.csv", use: ComplaintsCSV.download)
    complaints.get("complaints", ":id", use: ComplaintsController.show)
    complaints.post("complaints", ":id", "acknowledge", use: ComplaintsController.acknowledge)
    complaints.post("complaints", ":id", "delay", use: ComplaintsController.explainDelay)
    complaints.post("complaints", ":id", "respond", use: ComplaintsController.respond)

    let feedback = staff.grouped(AreaGuard(area: .feedback))
    feedback.get("feedback", use: StaffFeedbackController.index)
    feedback.get("feedback", "new", use: ShareController.staffChooseService)
    feedback.get("feedback", "new", "form", use: ShareController.staffShowForm)
    feedback.post("feedback", "new", use: ShareController.staffSubmit)
    feedback.get("feedback", ":id", use: StaffFeedbackController.show)
    feedback.post("feedback", ":id", "reply", use: StaffFeedbackController.reply)
    feedback.post("feedback", ":id", "needs-answer", use: StaffFeedbackController.setNeedsAnswer)
    feedback.get("replies", use: StaffFeedbackController.replyQueue)

    let actions = staff.grouped(AreaGuard(area: .actions))
    actions.get("actions", use: ActionsController.index)
    actions.get("actions", "new", use: ActionsController.new)
    actions.post("actions", "new", use: ActionsController.create)
    actions.get("actions", ":id", use: ActionsController.show)
    actions.post("actions", ":id", "update", use: ActionsController.update)

    let transfer = staff.grouped(AreaGuard(area: .dataTransfer))
    transfer.get("imports", use: ImportController.index)
    transfer.on(.POST, "imports", body: .collect(maxSize: "20mb"), use: ImportController.upload)
    transfer.get("imports", ":id", use: ImportController.show)
    transfer.post("imports", ":id", use: ImportController.run)
    transfer.get("settings", use: SettingsController.show)
    transfer.post("settings", "tokens", use: SettingsController.createToken)
    transfer.post("settings", "tokens", ":id", "revoke", use: SettingsController.revokeToken)

    let ideas = staff.grouped(AreaGuard(area: .initiatives))
    ideas.get("ideas", use: IdeasController.index)
    ideas.get("ideas", ":id", use: IdeasController.show)
    ideas.post("ideas", ":id", use: IdeasController.respond)

    let indicators = staff.grouped(AreaGuard(area: .indicators))
    indicators.get("indicators", use: IndicatorsController.index)
    indicators.post("indicators", use: IndicatorsController.create)
    indicators.get("indicators", ":id", use: IndicatorsController.show)
    indicators.post("indicators", ":id", use: IndicatorsController.record)
    indicators.post("indicators", ":id", "load", use: IndicatorsController.load)

    // MARK: Boards, members and the register of interests
    browser.get("boards", use: PublicBoardsController.index)
    browser.get("boards", ":id", use: PublicBoardsController.show)
    let boards = staff.grouped(AreaGuard(area: .boards))
    boards.get("boards", use: BoardsController.index)
    boards.post("boards", use: BoardsController.create)
    boards.get("boards", ":id", use: BoardsController.show)
    boards.post("boards", ":id", "members", use: BoardsController.addMember)
    boards.get("boards", ":id", "members", ":member", use: BoardsController.member)
    boards.post("boards", ":id", "members", ":member", "declarations", use: BoardsController.declare)
    boards.post("boards", ":id", "members", ":member", "leave", use: BoardsController.leave)
    boards.post("boards", ":id", "members", ":member", "declaration-link", use: DeclarationLinks.send)
    // A member without an account declares through the link e-mailed to them.
    browser.get("declare", ":token", use: DeclarationLinks.show)
    browser.post("declare", ":token", use: DeclarationLinks.submit)

    // MARK: Decisions that can prove they listened (issue 5)
    registerDecisionRoutes(browser: browser, staff: staff, api: v1)
}
