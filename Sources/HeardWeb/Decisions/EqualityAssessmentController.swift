import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Vapor

/// The equality impact assessment builder: per characteristic the evidence, the engagement that reached the
/// group (pre-filled from the representation data), impact, mitigations and actions; then sign-off and review.
enum EqualityAssessmentController {
    /// The latest a review date can be set, in years from today.
    static let reviewYears = 5

    /// The nine protected characteristics (Equality Act 2010) plus carers.
    static let characteristics: [MonitoringCharacteristic] = [
        .age, .disability, .genderReassignment, .marriage, .pregnancy, .ethnicGroup, .religion, .sex,
        .sexualOrientation, .unpaidCare,
    ]
    static let impacts: [FormComponents.Choice] = [
        .init(value: "positive", label: "Positive"), .init(value: "neutral", label: "Neutral"),
        .init(value: "negative", label: "Negative"), .init(value: "unknown", label: "Not yet known"),
    ]

    struct Typed {
        var whoAffected: String
        var entries: [String: EqualityAssessment.Entry]
        var status: String
        var signedOffBy: String
        var reviewOn: String
        /// Only after the decision: what the review found and why the assessment changes.
        var reviewReason = ""
    }

    /// After the decision, the assessment is reviewed rather than edited: the version the decision relied on
    /// is kept, public, beside the new one.
    static func isReview(_ bundle: InitiativeBundle) -> Bool {
        bundle.decision?.isApproved == true && bundle.assessment != nil
    }

    static func versions(of initiativeID: UUID, on db: any Database) async throws -> [EqualityAssessmentVersion] {
        try await EqualityAssessmentVersion.query(on: db).filter(\.$initiative.$id == initiativeID)
            .sort(\.$createdAt).all()
    }

    static func slug(_ c: MonitoringCharacteristic) -> String { Slug.make(c.rawValue) }

    @Sendable static func show(_ request: Request) async throws -> Response {
        let bundle = try await InitiativeBundle.load(try Admin.uuidParameter(request), on: request.db)
        let engagement = try await engagementText(bundle, on: request.db)
        let typed: Typed
        if let assessment = bundle.assessment {
            var entries = assessment.entryMap
            // A draft started before the consultation closed gets what the responses now show.
            if assessment.status != .signedOff {
                for (characteristic, text) in engagement where (entries[characteristic]?.engagement ?? "").isEmpty {
                    var entry =
                        entries[characteristic]
                        ?? .init(evidence: "", engagement: "", impact: "", mitigations: "", actions: "")
                    entry.engagement = text
                    entries[characteristic] = entry
                }
            }
            // A review is signed off afresh: the form does not carry over the name that signed the last version.
            let reviewing = isReview(bundle)
            typed = Typed(
                whoAffected: assessment.whoAffected, entries: entries, status: assessment.status.rawValue,
                signedOffBy: reviewing ? "" : assessment.signedOffBy ?? "", reviewOn: assessment.reviewOn ?? "")
        } else {
            var entries: [String: EqualityAssessment.Entry] = [:]
            for c in characteristics {
                entries[c.rawValue] = .init(
                    evidence: "", engagement: engagement[c.rawValue] ?? "", impact: "", mitigations: "", actions: "")
            }
            typed = Typed(
                whoAffected: "", entries: entries, status: EIAStatus.draft.rawValue, signedOffBy: "", reviewOn: "")
        }
        return .html(
            EqualityAssessmentViews.form(
                request, bundle: bundle, typed: typed, engagement: engagement, failure: nil,
                notice: Admin.takeFlash(request),
                versions: try await versions(of: bundle.initiative.id!, on: request.db)))
    }

    /// What the form shows, for `EditVersion`.
    static func editable(_ assessment: EqualityAssessment?) -> [String?] {
        guard let assessment else { return [] }
        return [
            assessment.whoAffected, assessment.entries, assessment.status.rawValue, assessment.signedOffBy,
            assessment.reviewOn,
        ]
    }

    @Sendable static func save(_ request: Request) async throws -> Response {
        let bundle = try await InitiativeBundle.load(try Admin.uuidParameter(request), on: request.db)
        var entries: [String: EqualityAssessment.Entry] = [:]
        for c in characteristics {
            let s = slug(c)
            entries[c.rawValue] = .init(
                evidence: Admin.text(request, "evidence-" + s).trimmingWhitespace(),
                engagement: Admin.text(request, "engagement-" + s).trimmingWhitespace(),
                impact: Admin.text(request, "impact-" + s),
                mitigations: Admin.text(request, "mitigations-" + s).trimmingWhitespace(),
                actions: Admin.text(request, "actions-" + s).trimmingWhitespace())
        }
        let typed = Typed(
            whoAffected: Admin.text(request, "who_affected").trimmingWhitespace(), entries: entries,
            status: Admin.text(request, "status"),
            signedOffBy: Admin.text(request, "signed_off_by").trimmingWhitespace(),
            reviewOn: Admin.text(request, "review_on").trimmingWhitespace(),
            reviewReason: Admin.text(request, "review_reason").trimmingWhitespace())
        var errors: [FieldError] = []
        let isReview = isReview(bundle)
        if isReview {
            // Brown principles: the duty continues, so the assessment can be reviewed, but the record of the
            // regard had at the decision is kept; a review is signed off and says what it found.
            if let problem = RecordedReason.problem(
                typed.reviewReason, ask: "Say what the review found and why the assessment changes.")
            {
                errors.append(FieldError("review_reason", problem))
            }
            // A review that changes nothing, not even the next review date, would publish a copy as a "version".
            if let current = bundle.assessment, current.whoAffected == typed.whoAffected,
                current.entries == EqualityAssessment.encode(entries), current.signedOffBy == typed.signedOffBy,
                current.reviewOn == (typed.reviewOn.isEmpty ? nil : SimpleDate(typed: typed.reviewOn)?.iso)
            {
                errors.append(
                    FieldError(
                        "review_reason",
                        "Nothing in the assessment has changed. Record what the review changed, or at least the next review date."
                    ))
            }
            if typed.status != EIAStatus.signedOff.rawValue {
                errors.append(
                    FieldError(
                        "status",
                        "A review after the decision is signed off: choose signed off. The assessment the decision relied on stays on the record."
                    ))
            }
        }
        if let problem = RecordedReason.placeholderProblem(typed.whoAffected, ask: "Say who the proposal affects.") {
            errors.append(FieldError("who_affected", problem))
        }
        let status = EIAStatus(rawValue: typed.status)
        if status == nil || status == EIAStatus.none {
            errors.append(FieldError("status", "Choose draft or signed off."))
        }
        for c in characteristics {
            let entry = entries[c.rawValue]!
            if !entry.impact.isEmpty && !impacts.contains(where: { $0.value == entry.impact }) {
                errors.append(FieldError("impact-" + slug(c), "Choose the likely impact for \(c.title.lowercased())."))
            }
        }
        var review: SimpleDate?
        if status == .signedOff {
            for c in characteristics {
                let entry = entries[c.rawValue]!
                if let problem = RecordedReason.placeholderProblem(
                    entry.evidence, ask: "Give the evidence for \(c.title.lowercased()), or say why there is none.")
                {
                    errors.append(FieldError("evidence-" + slug(c), problem))
                }
                if let problem = RecordedReason.placeholderProblem(
                    entry.engagement,
                    ask: "Say what engagement reached people by \(c.title.lowercased()), or that none did and why.")
                {
                    errors.append(FieldError("engagement-" + slug(c), problem))
                }
                if entry.impact.isEmpty || entry.impact == "unknown" {
                    errors.append(
                        FieldError(
                            "impact-" + slug(c),
                            "Choose the likely impact for \(c.title.lowercased()) before signing off."))
                }
                if entry.impact == "negative",
                    let problem = RecordedReason.placeholderProblem(
                        entry.mitigations,
                        ask: "Say how the negative impact on \(c.title.lowercased()) will be reduced.")
                {
                    errors.append(FieldError("mitigations-" + slug(c), problem))
                }
            }
            if let problem = RecordedReason.placeholderProblem(
                typed.signedOffBy, ask: "Enter who signs the assessment off.")
            {
                errors.append(FieldError("signed_off_by", problem))
            }
            if typed.reviewOn.isEmpty {
                errors.append(FieldError("review_on", "Enter the review date, for example 2027-12-31."))
            }
        }
        // The equality duty continues after the decision: the review is after today, and soon enough to matter.
        // Read as the other date fields are: typed the UK way (31/12/2027) too.
        review = Admin.date(typed.reviewOn, field: "review_on", into: &errors)
        let latest = request.today.adding(months: 12 * Self.reviewYears)
        if let date = review, date <= request.today {
            errors.append(
                FieldError("review_on", "The review date must be after today: the duty continues after the decision."))
        } else if let date = review, date > latest {
            errors.append(
                FieldError(
                    "review_on",
                    "Review the assessment within \(Self.reviewYears) years, by \(latest.ukText) at the latest: check the year."
                ))
        }
        guard errors.isEmpty, let status else {
            let engagement = try await engagementText(bundle, on: request.db)
            // A refused save keeps the version the form was opened with: correcting it is no reason to overwrite.
            return .html(
                EqualityAssessmentViews.form(
                    request, bundle: bundle, typed: typed, engagement: engagement,
                    failure: ValidationFailure(errors), notice: nil,
                    versions: try await versions(of: bundle.initiative.id!, on: request.db),
                    version: EditVersion.sent(request)),
                status: .unprocessableEntity)
        }
        let assessment =
            bundle.assessment
            ?? EqualityAssessment(initiativeID: bundle.initiative.id!, whoAffected: "", entries: [:], status: .draft)
        // The day it is first saved is what G2 compares with the consultation's opening day.
        if bundle.assessment == nil { assessment.firstSavedOn = request.today.iso }
        let before = bundle.assessment?.status.rawValue
        // Saving a signed-off assessment again unchanged (say, only the review date moved) keeps the day it was
        // signed off: that day is what the decision's meeting is checked against. Any change to what it says
        // or who signs it is a new sign-off, dated today.
        let unchangedSignOff =
            !isReview
            && bundle.assessment.map {
                $0.status == .signedOff && status == .signedOff && $0.whoAffected == typed.whoAffected
                    && $0.entries == EqualityAssessment.encode(entries) && $0.signedOffBy == typed.signedOffBy
            } ?? false
        // Taken before the fields change: the version being replaced, as the decision saw it.
        let replaced =
            isReview
            ? bundle.assessment.map {
                EqualityAssessmentVersion(replacing: $0, on: request.today.iso, reason: typed.reviewReason)
            } : nil
        assessment.whoAffected = typed.whoAffected
        assessment.entries = EqualityAssessment.encode(entries)
        assessment.status = status
        assessment.signedOffBy = status == .signedOff ? typed.signedOffBy : nil
        if !unchangedSignOff { assessment.signedOffOn = status == .signedOff ? request.today.iso : nil }
        assessment.reviewOn = review?.iso
        do {
            try await request.db.writeTransaction { db in
                if let id = bundle.assessment?.id {
                    try await EditVersion.check(
                        sent: EditVersion.sent(request),
                        stored: { editable(try await EqualityAssessment.find(id, on: $0)) },
                        schema: EqualityAssessment.schema, id: id, objectType: "initiative",
                        auditID: bundle.initiative.id, noun: "equality impact assessment", on: db)
                }
                try await replaced?.create(on: db)
                try await assessment.save(on: db)
                try await AuditLog.record(
                    on: db, actor: Admin.actor(request),
                    action: replaced != nil ? "eia.reviewed" : status == .signedOff ? "eia.signed_off" : "eia.saved",
                    objectType: "initiative", objectID: bundle.initiative.id?.uuidString,
                    summary:
                        "\(replaced != nil ? "Reviewed" : status == .signedOff ? "Signed off" : "Saved") the equality impact assessment for \(bundle.initiative.title)",
                    changes: [FieldChange("status", from: before, to: status.rawValue)]
                        + (replaced != nil ? [FieldChange("review_reason", from: nil, to: typed.reviewReason)] : []))
            }
        } catch let stale as EditVersion.Stale {
            let fresh = try await InitiativeBundle.load(bundle.initiative.id!, on: request.db)
            return .html(
                EqualityAssessmentViews.form(
                    request, bundle: fresh, typed: typed, engagement: try await engagementText(fresh, on: request.db),
                    failure: ValidationFailure([FieldError("who_affected", stale.message)]), notice: nil,
                    versions: try await versions(of: bundle.initiative.id!, on: request.db)),
                status: .conflict)
        }
        // Said at once, not only at approval: a first save after the consultation opened is too late for G2.
        let late =
            bundle.assessment == nil
            ? bundle.consultationFacts.flatMap { facts in
                facts.opensOn < request.today
                    ? " The consultation opened on \(facts.opensOn.ukText) without it, so people who responded before today could not see it: the decision will be refused under Gunning G2 until you consult again with it in the pack."
                    : nil
            } : nil
        Admin.flash(
            request,
            (replaced != nil
                ? "Equality impact assessment reviewed and signed off. The version the decision relied on is kept with it."
                : status == .signedOff
                    ? "Equality impact assessment signed off." : "Equality impact assessment saved as a draft.")
                + (late ?? ""))
        return request.redirect(to: DecisionURL.initiative(bundle.initiative.id!))
    }

    /// For each characteristic, what the involvement data says about who was reached: the monitoring forms
    /// from the consultation and those typed in at the initiative's involvement activities, together.
    static func engagementText(_ bundle: InitiativeBundle, on db: any Database) async throws -> [String: String] {
        let consultationForms =
            try await bundle.consultation?.id.asyncFlatMap { id in
                try await EqualityResponse.query(on: db).filter(\.$contextType == "consultation")
                    .filter(\.$contextID == id).all()
            } ?? []
        let activityIDs = bundle.activities.compactMap(\.id)
        let activityForms =
            activityIDs.isEmpty
            ? []
            : try await EqualityResponse.query(on: db).filter(\.$contextType == "activity")
                .filter(\.$contextID ~~ activityIDs).all()
        guard !consultationForms.isEmpty || !activityForms.isEmpty else { return [:] }
        let comparison = bundle.places.count == 1 ? bundle.places.first : nil
        let population =
            try await comparison.asyncFlatMap { try await ConsultationAnalysis.population(of: $0.id!, on: db) }
            ?? [:]
        let fromConsultation = answered(ConsultationAnalysis.representation(consultationForms, population: [:]))
        let fromActivities = answered(ConsultationAnalysis.representation(activityForms, population: [:]))
        var text: [String: String] = [:]
        for group in ConsultationAnalysis.representation(consultationForms + activityForms, population: population) {
            let key = group.characteristic.rawValue
            let counts = [
                bundle.consultation == nil ? nil : (fromConsultation[key] ?? 0, "from the consultation"),
                activityIDs.isEmpty ? nil : (fromActivities[key] ?? 0, "at involvement activities"),
            ].compactMap { $0 }
            let flagged = group.rows.filter(\.underRepresented).map {
                AnalysisViews.categoryLabel(group.characteristic, $0.category)
            }
            // The same small-number rule as the tables: this text may be published with the assessment. Beside
            // the total, each source's count gives the other away by subtraction, so the split is given only
            // when no source is small (27 in all and 26 from the consultation would show 1 at an event).
            let splitIsSafe = counts.allSatisfy { $0.0 == 0 || $0.0 >= Representation.defaultSuppressBelow }
            let split =
                counts.count < 2
                ? counts.map { " (\($0.0) \($0.1))" }.joined()
                : splitIsSafe
                    ? " (" + counts.map { "\($0.0) \($0.1)" }.joined(separator: ", ") + ")"
                    : " (from the consultation and involvement activities together)"
            var line =
                Representation.totalIsSafe(group.rows)
                ? "\(group.answered) people answered\(split)."
                : "How many answered is not shown, to protect a small group."
            if !flagged.isEmpty { line += " Under-represented: " + flagged.joined(separator: ", ") + "." }
            text[key] = line
        }
        return text
    }

    /// How many answered each characteristic from one source.
    private static func answered(_ groups: [ConsultationAnalysis.RepresentationGroup]) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: groups.map { ($0.characteristic.rawValue, $0.answered) })
    }
}
