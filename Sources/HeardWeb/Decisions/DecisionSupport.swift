import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Vapor

/// Today's date in England. Tests move it forward to close consultations without waiting twelve weeks.
public struct DecisionClock: Sendable {
    public var today: @Sendable () -> SimpleDate

    public init(today: @escaping @Sendable () -> SimpleDate) { self.today = today }

    public static let system = DecisionClock { ukDay(of: Date()) }

    /// The calendar day in the UK on which `date` fell.
    public static func ukDay(of date: Date) -> SimpleDate { SimpleDate.ukDay(of: date) }

    /// Midnight in the UK at the start of `day`, as an instant.
    public static func startOfUKDay(_ day: SimpleDate) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/London") ?? .gmt
        return calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day)) ?? Date()
    }

    public static func fixed(_ date: SimpleDate) -> DecisionClock { DecisionClock { date } }

    public struct Key: StorageKey {
        public typealias Value = DecisionClock
    }
}

extension Application {
    /// The clock the decisions pages use (the system clock unless a test sets another).
    public var decisionClock: DecisionClock {
        get { storage[DecisionClock.Key.self] ?? .system }
        set { storage[DecisionClock.Key.self] = newValue }
    }
}

extension Request {
    var today: SimpleDate { application.decisionClock.today() }

    /// Now, on the decisions clock's day: the time of day on the system clock, or the start of the day when the
    /// clock has been moved (in tests), so a date stamped now falls on `today` and is compared with it fairly.
    var nowOnDecisionClock: Date {
        let now = Date()
        return DecisionClock.ukDay(of: now) == today ? now : DecisionClock.startOfUKDay(today)
    }
}

/// Every decisions path, in one place.
enum DecisionURL {
    static let initiatives = "/staff/initiatives"
    static let activities = "/staff/activities"
    static let decisions = "/staff/decisions"
    static let consultationHub = "/consultations"
    static let publicDecisions = "/decisions"

    static func id(_ id: UUID) -> String { id.uuidString.lowercased() }
    static func initiative(_ id: UUID) -> String { "\(initiatives)/\(Self.id(id))" }
    static func initiativeStage(_ id: UUID) -> String { initiative(id) + "/stage" }
    static func newConsultation(_ id: UUID) -> String { initiative(id) + "/consultation" }
    static func eia(_ id: UUID) -> String { initiative(id) + "/eia" }
    static func decisionForm(_ id: UUID) -> String { initiative(id) + "/decision" }
    static func newActivity(initiative: UUID?) -> String {
        activities + "/new" + (initiative.map { "?initiative=" + Self.id($0) } ?? "")
    }
    static func activity(_ id: UUID) -> String { "\(activities)/\(Self.id(id))" }
    static func activityComments(_ id: UUID) -> String { activity(id) + "/comments" }
    static func activityMonitoring(_ id: UUID) -> String { activity(id) + "/monitoring" }
    static func activityOutcome(_ id: UUID) -> String { activity(id) + "/outcome" }
    static func activitySignupsCSV(_ id: UUID) -> String { activity(id) + "/sign-ups.csv" }
    /// The public "Tell us you're coming" form, and the page after it.
    static func eventSignup(_ id: UUID) -> String { "/events/\(Self.id(id))/sign-up" }
    static func eventSignedUp(_ id: UUID) -> String { "/events/\(Self.id(id))/signed-up" }
    static func consultation(_ id: UUID) -> String { "/staff/consultations/\(Self.id(id))" }
    static func questions(_ id: UUID) -> String { consultation(id) + "/questions" }
    static func question(_ consultation: UUID, _ question: UUID) -> String {
        questions(consultation) + "/" + Self.id(question)
    }
    static func editQuestion(_ consultation: UUID, _ question: UUID) -> String {
        Self.question(consultation, question) + "/edit"
    }
    static func moveQuestion(_ consultation: UUID, _ question: UUID) -> String {
        Self.question(consultation, question) + "/move"
    }
    static func removeQuestion(_ consultation: UUID, _ question: UUID) -> String {
        Self.question(consultation, question) + "/remove"
    }
    static func paper(_ id: UUID) -> String { consultation(id) + "/paper" }
    static func closeEarly(_ id: UUID) -> String { consultation(id) + "/close" }
    static func extend(_ id: UUID) -> String { consultation(id) + "/extend" }
    static func themes(_ id: UUID) -> String { consultation(id) + "/themes" }
    static func themeResponse(_ consultation: UUID, _ theme: UUID) -> String {
        themes(consultation) + "/" + Self.id(theme)
    }
    static func publish(_ id: UUID) -> String { consultation(id) + "/publish" }
    static func approve(_ id: UUID) -> String { "\(decisions)/\(Self.id(id))/approve" }
    static func publicConsultation(_ id: UUID) -> String { "\(consultationHub)/\(Self.id(id))" }
    static func respond(_ id: UUID) -> String { publicConsultation(id) + "/respond" }
    static func outcome(_ id: UUID) -> String { publicConsultation(id) + "/outcome" }
    static func outcomeCSV(_ id: UUID) -> String { publicConsultation(id) + "/outcome.csv" }
    static func publicInitiative(_ id: UUID) -> String { "/initiatives/\(Self.id(id))" }
    static func publicAssessment(_ id: UUID) -> String { publicInitiative(id) + "/equality-impact-assessment" }
    static func publicDecision(_ id: UUID) -> String { "\(publicDecisions)/\(Self.id(id))" }
}

/// Everything known about one initiative, loaded together for the rules and the pages.
struct InitiativeBundle {
    var initiative: Initiative
    var activities: [InvolvementActivity]
    var consultation: Consultation?
    var questions: [SurveyQuestion]
    var themes: [ConsultationTheme]
    var responseCount: Int
    var assessment: EqualityAssessment?
    var decision: Decision?
    var places: [Place]
    var services: [Service]
    /// Board members who have not left, with their declarations: the conflict check at approval reads them.
    var boardMembers: [BoardMember]
    /// Ideas from involved people that this initiative took forward: they are credited on its pages.
    var ideas: [Idea]
    /// Each board's meetings recorded in Heard, by board name: a decision said to be taken at one of its
    /// meetings must be taken at a recorded one.
    var boardMeetings: [String: [(day: SimpleDate, status: MeetingStatus)]] = [:]

    static func load(_ id: UUID, on db: any Database) async throws -> InitiativeBundle {
        guard let initiative = try await Initiative.find(id, on: db) else { throw Abort(.notFound) }
        return try await load(initiative, on: db)
    }

    static func load(_ initiative: Initiative, on db: any Database) async throws -> InitiativeBundle {
        let id = try initiative.requireID()
        let activities = try await InvolvementActivity.query(on: db).filter(\.$initiative.$id == id).with(\.$place)
            .sort(\.$heldOn).all()
        let consultation = try await Consultation.query(on: db).filter(\.$initiative.$id == id).first()
        var questions: [SurveyQuestion] = []
        var themes: [ConsultationTheme] = []
        var responses = 0
        if let consultation {
            let cid = try consultation.requireID()
            questions = try await SurveyQuestion.inOrder(of: cid, on: db)
            themes = try await ConsultationTheme.query(on: db).filter(\.$consultation.$id == cid).sort(
                \.$mentions, .descending
            )
            .sort(\.$name).all()
            responses = try await SurveyResponse.query(on: db).filter(\.$consultation.$id == cid).count()
        }
        let assessment = try await EqualityAssessment.query(on: db).filter(\.$initiative.$id == id).first()
        let decision = try await Decision.query(on: db).filter(\.$initiative.$id == id).first()
        let placeIDs = initiative.placeIDList
        let places = placeIDs.isEmpty ? [] : try await Place.query(on: db).filter(\.$id ~~ placeIDs).sort(\.$name).all()
        let serviceIDs = initiative.serviceIDList
        let services =
            serviceIDs.isEmpty ? [] : try await Service.query(on: db).filter(\.$id ~~ serviceIDs).sort(\.$name).all()
        return InitiativeBundle(
            initiative: initiative, activities: activities, consultation: consultation, questions: questions,
            themes: themes, responseCount: responses, assessment: assessment, decision: decision, places: places,
            services: services, boardMembers: try await BoardRegister.allMembers(on: db),
            ideas: try await Idea.query(on: db).filter(\.$initiative.$id == id).filter(\.$status == .takenForward)
                .sort(\.$createdAt).all(),
            boardMeetings: try await Self.meetingsByBoard(on: db))
    }

    static func meetingsByBoard(
        on db: any Database
    ) async throws -> [String: [(day: SimpleDate, status: MeetingStatus)]] {
        let meetings = try await Meeting.query(on: db).with(\.$board).all()
        return Dictionary(grouping: meetings) { $0.board.name }.mapValues { list in
            list.map { (day: $0.day, status: $0.status) }
        }
    }

    var eiaStatus: EIAStatus { assessment?.status ?? EIAStatus.none }

    /// The stage the public sees: at least Consultation once the consultation has opened, even if staff have not
    /// moved the initiative on yet, so the page never says "options developed" beside an open consultation.
    func publicStage(today: SimpleDate) -> InitiativeStage {
        guard initiative.stage < .consultation, let facts = consultationFacts, facts.state(on: today) != .forthcoming
        else { return initiative.stage }
        return .consultation
    }

    var consultationFacts: ConsultationFacts? {
        guard let c = consultation else { return nil }
        return ConsultationFacts(
            opensOn: c.opens, closesOn: c.closes, closedEarlyOn: c.closedEarlyOn.flatMap { SimpleDate(iso: $0) },
            background: c.background, options: c.options, discardedAlternatives: c.discardedAlternatives,
            reasons: c.reasons, eiaStatus: eiaStatus,
            eiaFirstSavedOn: assessment?.firstSavedOn.flatMap(SimpleDate.init(iso:)),
            shortDurationReason: c.shortDurationReason,
            questionCount: questions.count, analysisPublished: c.analysisPublishedAt != nil,
            analysisPublishedOn: c.analysisPublishedAt.map(DecisionClock.ukDay(of:)),
            themes: themes.map {
                ThemeResponseFacts(
                    theme: $0.name, response: $0.responseKind, reason: $0.responseReason,
                    respondedOn: $0.respondedOn.flatMap(SimpleDate.init(iso:)))
            },
            decisionTargetDate: decision.flatMap { SimpleDate(iso: $0.meetingOn) } ?? initiative.target,
            initiativeDecided: decision?.isApproved ?? false)
    }

    func facts(today: SimpleDate) -> InitiativeFacts {
        InitiativeFacts(
            stage: initiative.stage, affectsServices: initiative.affectsServices,
            substantialVariation: initiative.substantialVariation,
            livedExperienceMembers: initiative.livedExperienceMembers, activitiesRecorded: activities.count,
            activitiesHeldWithParticipants: activities.filter { $0.date <= today && $0.attendees > 0 }.count,
            consultation: consultationFacts, decisionApproved: decision?.isApproved ?? false,
            scrutinyConsultedOn: initiative.scrutinyConsulted)
    }

    /// Whether an idea taken forward into this initiative was put forward before the initiative was recorded:
    /// only then did the initiative start from it (otherwise the idea joined something already under way).
    var startedFromIdea: Bool {
        ideas.contains { idea in
            guard let put = idea.createdAt, let began = initiative.createdAt else { return false }
            return put <= began
        }
    }

    /// The conflict check reads the register as it stood at the meeting as well as today: a member who sat
    /// then and has left since, or an interest that has ended since, still had to be declared.
    func approvalRefusal(today: SimpleDate) -> ApprovalRefusal? {
        approvalRefusals(today: today).first
    }

    /// Every reason approval would be refused today, the first being the one the refusal itself gives.
    func approvalRefusals(today: SimpleDate) -> [ApprovalRefusal] {
        let meeting = decision.flatMap { SimpleDate(iso: $0.meetingOn) }
        var refusals = GunningGate.approvalRefusals(
            needsConsultation: facts(today: today).needsConsultation, consultation: consultationFacts,
            eiaStatus: eiaStatus, alreadyApproved: decision?.isApproved ?? false, today: today,
            declarations: decision?.declarations ?? "", membersPresent: decision?.membersPresent ?? "",
            register: BoardRegister.registered(boardMembers, on: [today] + (meeting.map { [$0] } ?? [])),
            meetingOn: meeting, eiaSignedOffOn: assessment?.signedOffOn.flatMap(SimpleDate.init(iso:)))
        if decision?.isApproved == true { return refusals }
        // Boards with a quorum set: Heard counts their voting members present instead of asking yes or no.
        var quorumCounted = false
        if let decision, let day = meeting {
            for (board, members) in meetingBoards(decision) {
                if let problem = MeetingRules.decisionMeetingProblem(
                    board: board, day: day, meetings: boardMeetings[board] ?? [])
                {
                    refusals.append(ApprovalRefusal(.conflictsOfInterest, problem))
                }
                let voters = Self.voters(members, on: day)
                if let problem = ConflictRules.votingMemberProblem(
                    membersPresent: decision.membersPresent, board: board, voters: voters)
                {
                    refusals.append(ApprovalRefusal(.conflictsOfInterest, problem))
                }
                if let quorum = members.first?.board.quorum {
                    quorumCounted = true
                    let count = QuorumRules.count(
                        membersPresent: decision.membersPresent, declarations: decision.declarations, voters: voters)
                    if let problem = QuorumRules.problem(
                        quorum: quorum, board: board, count: count, votingMembers: voters.count)
                    {
                        refusals.append(ApprovalRefusal(.conflictsOfInterest, problem))
                    }
                }
            }
        }
        if let refusal = facts(today: today).scrutinyRefusal { refusals.append(refusal) }
        // An answer of "no" still refuses: the minutes may know of someone who left part-way.
        if let decision, !(quorumCounted && decision.quorate == nil),
            let refusal = DeclarationRules.quorumRefusal(decision.quorate)
        {
            refusals.append(refusal)
        }
        // Approval moves the initiative to Decision, so it must be at a stage that may move there.
        if initiative.stage < .decision {
            var approved = facts(today: today)
            approved.decisionApproved = true
            if let refusal = StageRules.refusal(toEnter: .decision, approved, today: today) {
                refusals.append(
                    ApprovalRefusal(
                        .g1,
                        "The initiative is at \(initiative.stage.title), not ready for a decision. " + refusal.message))
            }
        }
        return refusals
    }

    /// The names of the voting members sitting on `day`, each person once, even if two memberships of theirs
    /// were stored as running at once.
    static func voters(_ members: [BoardMember], on day: SimpleDate) -> [String] {
        MembershipRules.distinctPeople(members.filter { $0.votes && $0.sits(on: day) }.map(\.name))
    }

    /// The boards whose name the decision's meeting contains (a joint meeting names several), not counting a
    /// board named only inside a longer board's name (`BoardNameMatch.mentioned`), with their members, sorted by
    /// name.
    func meetingBoards(_ decision: Decision) -> [(board: String, members: [BoardMember])] {
        let names = Set(
            BoardNameMatch.mentioned(in: decision.meeting, among: Array(Set(boardMembers.map(\.board.name)))))
        let boards = Dictionary(grouping: boardMembers.filter { names.contains($0.board.name) }) {
            $0.board.name
        }
        return boards.sorted(by: { $0.key < $1.key }).map { (board: $0.key, members: $0.value) }
    }

    /// What Heard counted for one board with a quorum set.
    struct QuorumCount: Equatable {
        var board: String
        /// The voting members counted present for the item.
        var present: Int
        var quorum: Int

        /// "4 of a quorum of 4 voting members present for the item (Leeds Place Committee)", for the audit log.
        var summary: String { "\(present) of a quorum of \(quorum) voting members present for the item (\(board))" }
    }

    /// What Heard counted for each board with a quorum set, from the members present, the declarations and the
    /// register on the meeting day. Empty when the meeting names no board with a quorum (the paper then answers
    /// yes or no).
    func quorumCounts() -> [QuorumCount] {
        guard let decision, let day = SimpleDate(iso: decision.meetingOn) else { return [] }
        return meetingBoards(decision).compactMap { board, members in
            guard let quorum = members.first?.board.quorum else { return nil }
            let voters = Self.voters(members, on: day)
            let count = QuorumRules.count(
                membersPresent: decision.membersPresent, declarations: decision.declarations, voters: voters)
            return QuorumCount(board: board, present: count.counted.count, quorum: quorum)
        }
    }

    /// Interests of the members present that ended in the 6 months before the meeting: shown to the chair to
    /// consider, never a refusal.
    func recentlyEndedInterests(today: SimpleDate) -> [String] {
        guard let decision, !decision.isApproved, let day = SimpleDate(iso: decision.meetingOn) else { return [] }
        return ConflictRules.recentlyEnded(
            membersPresent: decision.membersPresent,
            register: BoardRegister.registered(boardMembers, on: [today, day]), on: day)
    }

    /// The first held activity with participants, for "how early were people involved".
    /// Activities still to come: later than today, or today with nobody recorded yet. Sorted by date.
    /// A cancelled one is nothing to come to.
    func upcomingActivities(today: SimpleDate) -> [InvolvementActivity] {
        activities.filter { !$0.hasBeenHeld(today: today) && !$0.isCancelled }
    }

    /// The activities still to come that are a way to respond to the consultation: inside the days it is open.
    /// One before it opens shapes the options, and one after it closes is too late to be heard: both are still
    /// on the initiative's page.
    func eventsToRespondAt(today: SimpleDate) -> [InvolvementActivity] {
        upcomingActivities(today: today).filter(isInsideConsultation)
    }

    /// The consultation's events that staff recorded as held, oldest first: what people came to while it was open.
    func eventsHeld() -> [InvolvementActivity] {
        activities.filter { $0.outcome == .held && isInsideConsultation($0) }
    }

    /// Whether the activity is on a day the consultation is open for responses.
    func isInsideConsultation(_ activity: InvolvementActivity) -> Bool {
        guard let facts = consultationFacts else { return false }
        return activity.date >= facts.opensOn && activity.date <= facts.lastDay
    }

    func firstInvolvement(today: SimpleDate) -> InvolvementActivity? {
        activities.filter { $0.date <= today && $0.attendees > 0 }.min { $0.heldOn < $1.heldOn }
    }
}

/// Form pieces the decisions pages need beyond `FormComponents`.
enum DecisionForms {
    /// Radio buttons in a fieldset with a legend.
    /// `id` replaces the field id when one page repeats the form (one per theme), so ids stay unique.
    static func radios(
        name: String, legend legendText: String, choices: [FormComponents.Choice], selected: String,
        failure: ValidationFailure?, hint: String? = nil, id: String? = nil
    ) -> HTMLNode {
        choiceGroup(
            name: name, type: "radio", inputName: name, legend: legendText, choices: choices,
            isChecked: { $0 == selected }, failure: failure, hint: hint, id: id)
    }

    /// Checkboxes in a fieldset with a legend.
    static func checkboxes(
        name: String, legend legendText: String, choices: [FormComponents.Choice], selected: Set<String>,
        failure: ValidationFailure?, hint: String? = nil
    ) -> HTMLNode {
        choiceGroup(
            name: name, type: "checkbox", inputName: name + "[]", legend: legendText, choices: choices,
            isChecked: { selected.contains($0) }, failure: failure, hint: hint)
    }

    /// The frame radios and checkboxes share: fieldset, legend, hint, error, one input per choice. The first
    /// input carries the field id, so an error summary link lands on (and focuses) a control, not the fieldset;
    /// the fieldset is described by the hint and the error.
    private static func choiceGroup(
        name: String, type: String, inputName: String, legend legendText: String, choices: [FormComponents.Choice],
        isChecked: (String) -> Bool, failure: ValidationFailure?, hint: String?, id: String? = nil
    ) -> HTMLNode {
        let id = id ?? FormComponents.fieldID(name)
        let items = choices.enumerated().map { index, choice in
            let inputID = index == 0 ? id : "\(id)-\(index + 1)"
            return div(.class("choice")) {
                input(
                    [.type(type), .id(inputID), .name(inputName), .value(choice.value)]
                        + (isChecked(choice.value) ? [.checked] : []))
                label(.for(inputID)) { choice.label }
            }
        }
        return FormComponents.fieldset(
            id: id, legend: legendText, hint: hint, error: failure?.message(for: name), content: items)
    }

    static let yesNo: [FormComponents.Choice] = [.init(value: "yes", label: "Yes"), .init(value: "no", label: "No")]

    static func statusTag(_ status: CheckStatus) -> HTMLNode {
        strong(.class("tag tag-\(status.rawValue)")) { status.title }
    }

    static func summaryList(_ rows: [(String, HTMLNode)]) -> HTMLNode {
        dl(.class("summary-list")) {
            for (key, value) in rows {
                div {
                    dt { key }
                    dd { value }
                }
            }
        }
    }

    /// Paragraphs from text with blank lines.
    static func paragraphs(_ text: String) -> HTMLNode {
        let parts = text.components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
            !$0.isEmpty
        }
        return .fragment(parts.map { part in p { part } })
    }

    /// The items of text typed one a line, blank lines left out (the API and open data give them as a list).
    static func lineItems(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Text typed one item a line ("Members present", "Declarations"): one line as it is, several as a list,
    /// so the lines do not run together on the page.
    static func lines(_ text: String) -> HTMLNode {
        let parts = lineItems(text)
        guard parts.count > 1 else { return .text(parts.first ?? "") }
        return ul(.class("list-lines")) { for part in parts { li { part } } }
    }
}

extension Admin {
    /// A form's text value, or empty, without direction override and isolate controls (`BidiControls`): what
    /// staff and the public type here is shown on pages and can reach the API, the open-data files and e-mails,
    /// where a pasted U+202E would make words read in another order than they were written.
    static func text(_ request: Request, _ name: String) -> String {
        secret(request, name).removingBidiControls()
    }

    /// A form's value exactly as sent, or empty: for passwords (a control in one is part of it) and for words
    /// looked up against what is stored as it was sent (personal-data searches).
    static func secret(_ request: Request, _ name: String) -> String {
        (try? request.content.get(String.self, at: name)) ?? ""
    }

    /// All values of a checkbox group (`name[]`).
    static func list(_ request: Request, _ name: String) -> [String] {
        (try? request.content.get([String].self, at: name)) ?? []
    }
}

extension InvolvementActivity {
    /// Whether the activity is in the past: before today, or today with people recorded as taking part.
    /// Recorded as held by staff, too, even with nobody counted yet.
    func hasBeenHeld(today: SimpleDate) -> Bool {
        outcome == .held || date < today || date == today && attendees > 0
    }
}
