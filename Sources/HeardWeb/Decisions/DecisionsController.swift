import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Vapor

/// Decision papers and their approval through the Gunning gate.
enum DecisionsController {
    /// How far from today a decision meeting can be, before or after.
    static let meetingYears = 2

    struct Typed {
        var title = ""
        var meeting = ""
        var meetingOn = ""
        var membersPresent = ""
        var declarations = ""
        var outcome = ""
        /// "yes", "no", or "" while the meeting has not said.
        var quorate = ""

        static func quorateText(_ quorate: Bool?) -> String { quorate.map { $0 ? "yes" : "no" } ?? "" }
    }

    /// What the paper form shows, and its approval stands on, for `EditVersion`.
    static func editable(_ decision: Decision?) -> [String?] {
        guard let decision else { return [] }
        let typed = Typed(decision)
        return [
            typed.title, typed.meeting, typed.meetingOn, typed.membersPresent, typed.declarations, typed.outcome,
            typed.quorate, decision.status,
        ]
    }

    @Sendable static func index(_ request: Request) async throws -> Response {
        let decisions = try await Decision.query(on: request.db).with(\.$initiative).sort(\.$meetingOn, .descending)
            .all()
        var rows: [(Decision, ApprovalRefusal?)] = []
        for decision in decisions {
            let bundle = try await InitiativeBundle.load(decision.initiative, on: request.db)
            rows.append((decision, decision.isApproved ? nil : bundle.approvalRefusal(today: request.today)))
        }
        return .html(
            DecisionViews.list(
                rows, context: PageContext(request, title: "Decisions"), notice: Admin.takeFlash(request)))
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        let bundle = try await InitiativeBundle.load(try Admin.uuidParameter(request), on: request.db)
        let typed =
            bundle.decision.map(Typed.init)
            ?? Typed(
                title: "Decision: " + bundle.initiative.title, meeting: bundle.initiative.decisionBody,
                meetingOn: bundle.initiative.targetDate ?? "")
        // G4 asks that every theme found in the responses is answered: what the engine found sits beside the
        // recorded themes, so a theme nobody recorded is visible before approval.
        var reading = ConsultationAnalysis.FreeTextReading(themes: [], notEnglish: [])
        if let consultation = bundle.consultation, bundle.consultationFacts?.state(on: request.today) != .open,
            bundle.decision?.isApproved != true
        {
            let texts = try await SurveyResponse.query(on: request.db).filter(\.$consultation.$id == consultation.id!)
                .all().map(\.redactedText)
            reading = ConsultationAnalysis.readFreeText(texts, engine: request.listeningEngine)
        }
        return .html(
            DecisionViews.paper(
                request, bundle: bundle, typed: typed, refusal: bundle.approvalRefusal(today: request.today),
                failure: nil, notice: Admin.takeFlash(request), suggested: reading.themes,
                notEnglish: reading.notEnglish.count))
    }

    @Sendable static func save(_ request: Request) async throws -> Response {
        let bundle = try await InitiativeBundle.load(try Admin.uuidParameter(request), on: request.db)
        let typed = Typed(
            title: Admin.text(request, "title").trimmingWhitespace(),
            meeting: Admin.text(request, "meeting").trimmingWhitespace(),
            meetingOn: Admin.text(request, "meeting_on").trimmingWhitespace(),
            membersPresent: Admin.text(request, "members_present").trimmingWhitespace(),
            declarations: Admin.text(request, "declarations").trimmingWhitespace(),
            outcome: Admin.text(request, "outcome").trimmingWhitespace(),
            quorate: Admin.text(request, "quorate"))
        var errors: [FieldError] = []
        if !["", "yes", "no"].contains(typed.quorate) {
            errors.append(FieldError("quorate", "Say whether the meeting stayed quorate for this item: yes or no."))
        }
        if bundle.decision?.isApproved == true {
            errors.append(FieldError("title", "This decision is approved and published, so it cannot be changed."))
        }
        if typed.title.isEmpty { errors.append(FieldError("title", "Enter a title for the decision.")) }
        if typed.meeting.isEmpty { errors.append(FieldError("meeting", "Enter the meeting that will decide.")) }
        // Read as the other date fields are: typed the UK way (30/06/2027) too.
        let date = Admin.requiredDate(
            typed.meetingOn, field: "meeting_on", missing: "Enter the meeting date, for example 2027-06-30.",
            into: &errors)
        // A paper is written for a meeting booked or just held: a date years away is a slip of the year. Kept
        // unchanged, a saved date is accepted as it is.
        if let date, date.iso != bundle.decision?.meetingOn,
            let problem = date.implausibleYear(
                today: request.today, yearsBack: Self.meetingYears, yearsAhead: Self.meetingYears)
        {
            errors.append(FieldError("meeting_on", problem))
        } else if let date, let consultation = bundle.consultationFacts,
            let problem = GunningGate.meetingDateProblem(date, consultation: consultation)
        {
            // Refused when saved, not only at approval: a meeting before the consultation closes cannot decide.
            errors.append(FieldError("meeting_on", problem))
        }
        if typed.membersPresent.isEmpty { errors.append(FieldError("members_present", "List the members present.")) }
        if typed.outcome.isEmpty { errors.append(FieldError("outcome", "Say what is decided.")) }
        let limits: [(field: String, text: String, limit: Int, what: String)] = [
            ("title", typed.title, TextLimit.title, "the title"),
            ("meeting", typed.meeting, TextLimit.title, "the meeting's name"),
            ("members_present", typed.membersPresent, TextLimit.meetingList, "the members present"),
            ("declarations", typed.declarations, TextLimit.meetingList, "the declarations"),
            ("outcome", typed.outcome, TextLimit.decisionOutcome, "what is decided"),
        ]
        for check in limits {
            if let problem = TextLimit.problem(check.text, limit: check.limit, what: check.what) {
                errors.append(FieldError(check.field, problem))
            }
        }
        if let problem = request.listeningEngine.personalDataProblem(
            in: typed.outcome, field: "outcome", allowingContactDetails: true)
        {
            errors.append(problem)
        }
        guard errors.isEmpty, let date else {
            // A refused save keeps the version the paper was opened with: correcting it is no reason to overwrite,
            // and approving from this page is no reason to approve words changed since.
            return .html(
                DecisionViews.paper(
                    request, bundle: bundle, typed: typed, refusal: bundle.approvalRefusal(today: request.today),
                    failure: ValidationFailure(errors), notice: nil, version: EditVersion.sent(request)),
                status: .unprocessableEntity)
        }
        let decision =
            bundle.decision
            ?? Decision(
                initiativeID: bundle.initiative.id!, title: typed.title, meeting: typed.meeting, meetingOn: date,
                membersPresent: typed.membersPresent, declarations: typed.declarations, outcome: typed.outcome,
                quorate: nil)
        let isNew = bundle.decision == nil
        let quorate: Bool? = typed.quorate.isEmpty ? nil : typed.quorate == "yes"
        let changes = [
            FieldChange("title", from: bundle.decision?.title, to: typed.title),
            FieldChange("meeting", from: bundle.decision?.meeting, to: typed.meeting),
            FieldChange("meeting_on", from: bundle.decision?.meetingOn, to: date.iso),
            FieldChange("members_present", from: bundle.decision?.membersPresent, to: typed.membersPresent),
            FieldChange("outcome", from: bundle.decision?.outcome, to: typed.outcome),
            FieldChange("declarations", from: bundle.decision?.declarations, to: typed.declarations),
            FieldChange(
                "quorate", from: bundle.decision.map { Typed.quorateText($0.quorate) }, to: typed.quorate),
        ].filter { $0.from != $0.to }
        // Saving a paper unchanged writes nothing, so the audit log holds no empty "updated" entries.
        if !isNew, changes.isEmpty {
            Admin.flash(request, "Nothing changed.")
            return request.redirect(to: DecisionURL.decisionForm(bundle.initiative.id!))
        }
        decision.title = typed.title
        decision.meeting = typed.meeting
        decision.meetingOn = date.iso
        decision.membersPresent = typed.membersPresent
        decision.declarations = typed.declarations
        decision.outcome = typed.outcome
        decision.quorate = quorate
        do {
            try await request.db.writeTransaction { db in
                if !isNew, let id = decision.id {
                    try await EditVersion.check(
                        sent: EditVersion.sent(request), stored: { editable(try await Decision.find(id, on: $0)) },
                        schema: Decision.schema, id: id, objectType: "decision", noun: "decision paper", on: db)
                }
                try await decision.save(on: db)
                try await AuditLog.record(
                    on: db, actor: Admin.actor(request), action: isNew ? "decision.created" : "decision.updated",
                    objectType: "decision", objectID: decision.id?.uuidString,
                    summary: "\(isNew ? "Prepared" : "Changed") decision paper \(typed.title)", changes: changes)
            }
        } catch let stale as EditVersion.Stale {
            let fresh = try await InitiativeBundle.load(bundle.initiative.id!, on: request.db)
            return .html(
                DecisionViews.paper(
                    request, bundle: fresh, typed: typed, refusal: fresh.approvalRefusal(today: request.today),
                    failure: ValidationFailure([FieldError("title", stale.message)]), notice: nil), status: .conflict)
        }
        Admin.flash(request, "Decision paper saved.")
        return request.redirect(to: DecisionURL.decisionForm(bundle.initiative.id!))
    }

    @Sendable static func approve(_ request: Request) async throws -> Response {
        guard let decision = try await Decision.find(try Admin.uuidParameter(request), on: request.db) else {
            throw Abort(.notFound)
        }
        // Approving twice (a second tab, a double click) is no Gunning failure: say what already happened.
        if decision.isApproved {
            let day = decision.approvedAt.map { " on " + DecisionClock.ukDay(of: $0).ukText } ?? ""
            let by = decision.approvedBy.map { " by " + $0 } ?? ""
            Admin.flash(request, "This decision was already approved\(day)\(by). Nothing was changed.")
            return request.redirect(to: DecisionURL.decisionForm(decision.$initiative.id))
        }
        let result: ApprovalRefusal?
        do {
            result = try await DecisionApproval.attempt(
                decision, actor: Admin.actor(request), request: request, version: EditVersion.sent(request))
        } catch let stale as EditVersion.Stale {
            guard let fresh = try await Decision.find(decision.id, on: request.db) else { throw Abort(.notFound) }
            let bundle = try await InitiativeBundle.load(fresh.$initiative.id, on: request.db)
            return .html(
                DecisionViews.paper(
                    request, bundle: bundle, typed: Typed(fresh), refusal: bundle.approvalRefusal(today: request.today),
                    failure: ValidationFailure([FieldError("title", stale.approvalMessage)]), notice: nil),
                status: .conflict)
        }
        if let refusal = result {
            let bundle = try await InitiativeBundle.load(decision.$initiative.id, on: request.db)
            let typed = Typed(decision)
            return .html(
                DecisionViews.paper(
                    request, bundle: bundle, typed: typed, refusal: refusal, failure: nil, notice: nil,
                    refusedNow: true), status: .conflict)
        }
        Admin.flash(request, "Decision approved and published.")
        return request.redirect(to: DecisionURL.decisionForm(decision.$initiative.id))
    }
}

/// The one way a decision is approved, from the web page or the API: checked by the Gunning gate, and
/// audited whether it succeeds or is refused.
enum DecisionApproval {
    /// The record says who approved by name (the person signed in); the audit log keeps their account.
    /// `version`: the paper as the approver saw it (`EditVersion`); a paper changed since is not approved.
    static func attempt(
        _ decision: Decision, actor: AuditActor, request: Request, version: String? = nil
    ) async throws -> ApprovalRefusal? {
        try await attempt(
            decision, actor: actor, on: request.db, today: request.today,
            approverName: request.currentUser?.displayName, version: version)
    }

    static func attempt(
        _ decision: Decision, actor: AuditActor, on database: any Database, today: SimpleDate,
        approverName: String? = nil, version: String? = nil
    ) async throws -> ApprovalRefusal? {
        let bundle = try await InitiativeBundle.load(decision.$initiative.id, on: database)
        if let refusal = bundle.approvalRefusal(today: today) {
            try await AuditLog.record(
                on: database, actor: actor, action: "decision.approval_refused", objectType: "decision",
                objectID: decision.id?.uuidString,
                summary: "Refused approval of \(decision.title) (\(refusal.principle.rawValue)): \(refusal.message)")
            return refusal
        }
        var approval = [FieldChange("status", from: "proposed", to: "approved")]
        // A board with a quorum set: Heard counted its voting members present instead of asking yes or no, and
        // approval gets this far only if each quorum was met. The record keeps that answer as it stood at
        // approval, so editing the register later does not change what the published decision says, with the
        // count it rests on when the meeting names one such board (the audit entry names each board's count).
        let counts = bundle.quorumCounts()
        // The count is kept even when the secretary also answered yes: the published record shows what it rests on.
        if !counts.isEmpty {
            if decision.quorate == nil {
                decision.quorate = true
                approval.append(FieldChange("quorate", from: nil, to: "yes"))
            }
            approval.append(
                FieldChange("quorum_count", from: nil, to: counts.map(\.summary).joined(separator: "; ")))
            if counts.count == 1, let count = counts.first {
                decision.quorumVotingPresent = count.present
                decision.quorumRequired = count.quorum
            }
        }
        let changes = approval
        decision.status = "approved"
        decision.approvedAt = Date()
        decision.approvedBy = approverName ?? actor.label
        let initiative = bundle.initiative
        let stageBefore = initiative.stage
        let id = decision.id!
        try await database.writeTransaction { db in
            try await EditVersion.check(
                sent: version, stored: { DecisionsController.editable(try await Decision.find(id, on: $0)) },
                schema: Decision.schema, id: id, objectType: "decision", noun: "decision paper", on: db)
            try await decision.save(on: db)
            try await AuditLog.record(
                on: db, actor: actor, action: "decision.approved", objectType: "decision",
                objectID: decision.id?.uuidString, summary: "Approved \(decision.title)", changes: changes)
            // The public list shows the initiative as decided from the moment the decision is.
            if stageBefore < .decision {
                initiative.stage = .decision
                try await initiative.save(on: db)
                try await AuditLog.record(
                    on: db, actor: actor, action: "initiative.stage_changed", objectType: "initiative",
                    objectID: initiative.id?.uuidString, summary: "Moved \(initiative.title) to Decision on approval",
                    changes: [FieldChange("stage", from: stageBefore.rawValue, to: InitiativeStage.decision.rawValue)])
            }
        }
        return nil
    }
}

extension DecisionsController.Typed {
    /// The paper as stored.
    init(_ decision: Decision) {
        self.init(
            title: decision.title, meeting: decision.meeting, meetingOn: decision.meetingOn,
            membersPresent: decision.membersPresent, declarations: decision.declarations, outcome: decision.outcome,
            quorate: Self.quorateText(decision.quorate))
    }
}
