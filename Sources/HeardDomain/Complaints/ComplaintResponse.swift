/// The written response to a complaint. Regulation 14 says what it must contain: how the complaint was
/// considered, the conclusions reached (including any that call for remedial action, and that action), and the
/// complainant's right to take the complaint to the Ombudsman: the Local Government and Social Care Ombudsman for
/// a council's social services, otherwise the Parliamentary and Health Service Ombudsman (see `Ombudsman`).
public struct ComplaintResponse: Equatable, Sendable {
    public var respondedOn: SimpleDate?
    public var howConsidered: String
    public var conclusions: String
    /// What is being put right, or why nothing needs to be.
    public var remedialAction: String
    public var ombudsmanRightGiven: Bool
    public var outcome: ComplaintOutcome?

    public init(
        respondedOn: SimpleDate?, howConsidered: String, conclusions: String, remedialAction: String,
        ombudsmanRightGiven: Bool, outcome: ComplaintOutcome?
    ) {
        self.outcome = outcome
        self.respondedOn = respondedOn
        self.howConsidered = howConsidered.trimmingWhitespace()
        self.conclusions = conclusions.trimmingWhitespace()
        self.remedialAction = remedialAction.trimmingWhitespace()
        self.ombudsmanRightGiven = ombudsmanRightGiven
    }

    /// Every missing part, so the handler can put them all right at once. `ombudsman` is the one the response
    /// must name (`ComplaintResponse.ombudsman(for:)`).
    public func problems(clock: ComplaintClock, today: SimpleDate, ombudsman: Ombudsman) -> [FieldError] {
        var errors: [FieldError] = []
        if let problem = clock.dateProblem(respondedOn, field: "responded_on", sent: "response", today: today) {
            errors.append(problem)
        }
        if let acknowledgedOn = clock.acknowledgedOn {
            if let respondedOn, respondedOn < acknowledgedOn, errors.isEmpty {
                errors.append(
                    FieldError(
                        "responded_on",
                        "The response cannot be dated before the acknowledgement (\(acknowledgedOn.ukText))."))
            }
        } else {
            errors.append(FieldError("responded_on", "Record the acknowledgement first: regulation 13 requires one."))
        }
        if howConsidered.isEmpty {
            errors.append(FieldError("how_considered", "Say how the complaint was considered (regulation 14)."))
        }
        if conclusions.isEmpty {
            errors.append(FieldError("conclusions", "Give the conclusions reached (regulation 14)."))
        }
        if outcome.map({ !ComplaintOutcome.findings.contains($0) }) ?? true {
            errors.append(
                FieldError("outcome", "Choose whether the complaint was upheld, partly upheld or not upheld."))
        }
        if remedialAction.isEmpty {
            errors.append(
                FieldError(
                    "remedial_action", "Say what is being put right, or why nothing needs to be (regulation 14)."))
        }
        for (field, text, what) in [
            ("how_considered", howConsidered, "how it was considered"), ("conclusions", conclusions, "the conclusions"),
            ("remedial_action", remedialAction, "what is put right"),
        ] {
            if let problem = TextLimit.problem(text, limit: TextLimit.complaintRecord, what: what) {
                errors.append(FieldError(field, problem))
            }
        }
        if !ombudsmanRightGiven {
            errors.append(
                FieldError(
                    "ombudsman_right_given",
                    "The response must tell the complainant they can go to the \(ombudsman.name) (\(ombudsman.website))"
                        + (ombudsman == .localGovernmentAndSocialCare
                            ? ": the service is run by a council, so it is that Ombudsman, not the \(Ombudsman.parliamentaryAndHealthService.name)."
                            : ".")
                ))
        }
        return errors
    }
}
