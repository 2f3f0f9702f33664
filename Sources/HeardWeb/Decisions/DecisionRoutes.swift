import HeardDomain
import Vapor

/// Every route of the decisions feature (issue 5), registered from `routes.swift` in one call.
func registerDecisionRoutes(browser: any RoutesBuilder, staff: any RoutesBuilder, api: any RoutesBuilder) {
    // Public pages
    browser.get("consultations", use: PublicDecisionsController.hub)
    browser.get("consultations", ":id", use: PublicDecisionsController.consultation)
    browser.post("consultations", ":id", "respond", use: PublicDecisionsController.respond)
    browser.get("consultations", ":id", "outcome", use: PublicDecisionsController.outcome)
    browser.get("consultations", ":id", "outcome.csv", use: PublicDecisionsController.outcomeCSV)
    browser.get("events", ":id", "sign-up", use: EventSignups.form)
    browser.post("events", ":id", "sign-up", use: EventSignups.signUp)
    browser.get("events", ":id", "signed-up", use: EventSignups.signedUp)
    browser.get("initiatives", ":id", use: PublicDecisionsController.initiative)
    browser.get("initiatives", ":id", "equality-impact-assessment", use: PublicDecisionsController.assessment)
    browser.get("decisions", use: PublicDecisionsController.decisions)
    browser.get("decisions", ":id", use: PublicDecisionsController.decision)

    // Initiatives, consultations, surveys, analysis and equality impact assessments
    let initiatives = staff.grouped(AreaGuard(area: .initiatives))
    initiatives.get("initiatives", use: InitiativesController.index)
    initiatives.get("initiatives", "new", use: InitiativesController.new)
    initiatives.post("initiatives", "new", use: InitiativesController.create)
    initiatives.get("initiatives", ":id", use: InitiativesController.show)
    initiatives.post("initiatives", ":id", "stage", use: InitiativesController.advance)
    initiatives.post("initiatives", ":id", "scrutiny", use: InitiativesController.recordScrutiny)
    initiatives.get("initiatives", ":id", "edit", use: InitiativesController.edit)
    initiatives.post("initiatives", ":id", "edit", use: InitiativesController.update)
    initiatives.get("initiatives", ":id", "consultation", use: ConsultationsController.new)
    initiatives.post("initiatives", ":id", "consultation", use: ConsultationsController.create)
    initiatives.get("initiatives", ":id", "eia", use: EqualityAssessmentController.show)
    initiatives.post("initiatives", ":id", "eia", use: EqualityAssessmentController.save)
    initiatives.get("initiatives", ":id", "decision", use: DecisionsController.show)
    initiatives.get("consultations", ":id", use: ConsultationsController.show)
    initiatives.post("consultations", ":id", "questions", use: ConsultationsController.addQuestion)
    initiatives.get(
        "consultations", ":id", "questions", ":question", "edit", use: SurveyQuestionsController.edit)
    initiatives.post(
        "consultations", ":id", "questions", ":question", "edit", use: SurveyQuestionsController.update)
    initiatives.post(
        "consultations", ":id", "questions", ":question", "move", use: SurveyQuestionsController.move)
    initiatives.post(
        "consultations", ":id", "questions", ":question", "remove", use: ConsultationsController.removeQuestion)
    initiatives.get("consultations", ":id", "paper", use: ResponsesController.paperForm)
    initiatives.post("consultations", ":id", "paper", use: ResponsesController.paperSubmit)
    initiatives.post("consultations", ":id", "close", use: ConsultationsController.closeEarly)
    initiatives.post("consultations", ":id", "extend", use: ConsultationsController.extend)
    initiatives.post("consultations", ":id", "themes", use: ConsultationsController.addTheme)
    initiatives.post("consultations", ":id", "themes", ":theme", use: ConsultationsController.respondToTheme)
    initiatives.post(
        "consultations", ":id", "themes", ":theme", "remove", use: ConsultationsController.removeTheme)
    initiatives.post("consultations", ":id", "publish", use: ConsultationsController.publish)
    initiatives.get("glossary", use: GlossaryController.index)
    initiatives.post("glossary", use: GlossaryController.add)
    initiatives.post("glossary", ":id", "delete", use: GlossaryController.remove)

    // Involvement activities and cadence
    let activities = staff.grouped(AreaGuard(area: .activities))
    activities.get("activities", use: ActivitiesController.index)
    activities.get("activities", "new", use: ActivitiesController.new)
    activities.post("activities", "new", use: ActivitiesController.create)
    activities.get("activities", ":id", use: ActivitiesController.show)
    activities.get("activities", ":id", "edit", use: ActivitiesController.edit)
    activities.post("activities", ":id", "edit", use: ActivitiesController.update)
    activities.post("activities", ":id", "comments", use: ActivitiesController.addComment)
    activities.post("activities", ":id", "monitoring", use: ActivitiesController.addMonitoring)
    activities.post("activities", ":id", "outcome", use: ActivityOutcomes.record)
    activities.post("activities", ":id", "attendance", use: ActivityAttendance.record)
    activities.get("activities", ":id", "sign-ups.csv", use: EventSignups.csv)
    activities.post("activities", ":id", "invitations", use: InvitationsController.invite)
    activities.post("activities", ":id", "invitations", "guest", use: GuestInvitations.invite)
    activities.get("expenses", use: StaffExpenses.index)
    activities.get("expenses.csv", use: StaffExpenses.csv)
    activities.post("expenses", ":id", "approve", use: StaffExpenses.approve)
    activities.post("expenses", ":id", "reject", use: StaffExpenses.reject)
    activities.post("expenses", ":id", "paid", use: StaffExpenses.markPaid)

    // Population figures for representation tables (administrators)
    let reference = staff.grouped(AreaGuard(area: .referenceData))
    reference.get("population", use: PopulationController.show)
    reference.post("population", use: PopulationController.load)

    // Decisions and the Gunning gate
    let decisions = staff.grouped(AreaGuard(area: .decisions))
    decisions.get("decisions", use: DecisionsController.index)
    decisions.post("decisions", ":id", "approve", use: DecisionsController.approve)
    // Read by everyone working on the initiative; written only by those who approve decisions.
    decisions.post("initiatives", ":id", "decision", use: DecisionsController.save)

    // JSON API
    api.get("decisions", use: DecisionsAPI.list)
    api.grouped(BearerTokenMiddleware(area: .decisions)).post("decisions", ":id", "approve", use: DecisionsAPI.approve)
}
