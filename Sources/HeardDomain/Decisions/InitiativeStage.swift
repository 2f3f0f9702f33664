/// The road from a proposed change to a reviewed one. Each stage is entered only when its conditions hold.
public enum InitiativeStage: String, CaseIterable, Codable, Sendable, Comparable {
    case idea
    case involvementPlanned = "involvement_planned"
    case optionsDeveloped = "options_developed"
    case consultation
    case analysis
    case decision
    case implementation
    case review

    public var title: String {
        switch self {
        case .idea: "Idea"
        case .involvementPlanned: "Involvement planned"
        case .optionsDeveloped: "Options developed"
        case .consultation: "Consultation"
        case .analysis: "Analysis"
        case .decision: "Decision"
        case .implementation: "Implementation"
        case .review: "Review"
        }
    }

    public var index: Int { Self.allCases.firstIndex(of: self)! }

    public var next: InitiativeStage? {
        index + 1 < Self.allCases.count ? Self.allCases[index + 1] : nil
    }

    public static func < (lhs: InitiativeStage, rhs: InitiativeStage) -> Bool { lhs.index < rhs.index }
}

/// What the stage rules need to know about an initiative. Built from storage; no I/O here.
public struct InitiativeFacts: Sendable, Equatable {
    public var stage: InitiativeStage
    /// Changes how services are delivered or the range of services (NHS Act 2006 s242, s14Z45).
    public var affectsServices: Bool
    /// Substantial variation: the council's health overview and scrutiny committee must be consulted (s244).
    public var substantialVariation: Bool
    /// Members of the working group drawn from people with lived experience.
    public var livedExperienceMembers: Int
    /// Involvement activities recorded, held or planned.
    public var activitiesRecorded: Int
    /// Involvement activities already held with at least one person taking part.
    public var activitiesHeldWithParticipants: Int
    /// The consultation, when there is one.
    public var consultation: ConsultationFacts?
    /// The decision has been approved through the Gunning gate.
    public var decisionApproved: Bool
    /// When the council's health overview and scrutiny committee was consulted (substantial variations).
    public var scrutinyConsultedOn: SimpleDate?

    public init(
        stage: InitiativeStage, affectsServices: Bool, substantialVariation: Bool = false,
        livedExperienceMembers: Int = 0, activitiesRecorded: Int = 0, activitiesHeldWithParticipants: Int = 0,
        consultation: ConsultationFacts? = nil, decisionApproved: Bool = false, scrutinyConsultedOn: SimpleDate? = nil
    ) {
        self.stage = stage
        self.affectsServices = affectsServices
        self.substantialVariation = substantialVariation
        self.livedExperienceMembers = livedExperienceMembers
        self.activitiesRecorded = activitiesRecorded
        self.activitiesHeldWithParticipants = activitiesHeldWithParticipants
        self.consultation = consultation
        self.decisionApproved = decisionApproved
        self.scrutinyConsultedOn = scrutinyConsultedOn
    }

    /// A substantial variation is decided only after the council's health overview and scrutiny committee has
    /// been consulted (NHS Act 2006 s244; the Local Authority (Public Health, Health and Wellbeing Boards and
    /// Health Scrutiny) Regulations 2013).
    public var scrutinyRefusal: ApprovalRefusal? {
        guard substantialVariation, scrutinyConsultedOn == nil else { return nil }
        return ApprovalRefusal(
            .dutyToInvolve,
            "This is a substantial variation, so the council's health overview and scrutiny committee must be consulted before the decision (NHS Act 2006 s244). Record when it was consulted and what it said."
        )
    }

    /// A change to services, or a substantial variation, must be consulted on before it is decided.
    public var needsConsultation: Bool { affectsServices || substantialVariation }

    /// People with lived experience have been involved: working group members or activities with real participants.
    public var hasInvolvementEvidence: Bool { livedExperienceMembers > 0 || activitiesHeldWithParticipants > 0 }
}

/// Why a stage cannot be entered, in words a person can act on.
public struct StageRefusal: Error, Equatable, Sendable {
    /// The rule that refused: "duty to involve", "G1", …, or "order".
    public var rule: String
    public var message: String

    public init(rule: String, _ message: String) {
        self.rule = rule
        self.message = message
    }
}

/// Which stage may follow which, and what must be true first.
public enum StageRules {
    /// Nil when `facts` may move to `target`; otherwise the plain reason why not.
    public static func refusal(
        toEnter target: InitiativeStage, _ facts: InitiativeFacts, today: SimpleDate
    ) -> StageRefusal? {
        let skippingConsultation =
            !facts.needsConsultation && facts.stage == .optionsDeveloped && target == .decision
        if target != facts.stage.next && !skippingConsultation {
            if target <= facts.stage {
                return StageRefusal(
                    rule: "order", "This initiative is already at \(facts.stage.title). Stages only move forward.")
            }
            return StageRefusal(
                rule: "order",
                "Move to \(facts.stage.next?.title ?? "the next stage") first. Stages cannot be skipped"
                    + (facts.needsConsultation ? " when a change to services must be consulted on." : "."))
        }
        switch target {
        case .idea:
            return nil
        case .involvementPlanned:
            if facts.affectsServices && facts.activitiesRecorded == 0 && facts.livedExperienceMembers == 0 {
                return StageRefusal(
                    rule: "duty to involve",
                    "Plan how people will be involved first: record an involvement activity or add people with lived experience to the working group. This change affects services, so the duty to involve (NHS Act 2006 s242 and s14Z45) applies from the start."
                )
            }
            return nil
        case .optionsDeveloped:
            if facts.affectsServices && !facts.hasInvolvementEvidence {
                return StageRefusal(
                    rule: "duty to involve",
                    "People with lived experience must be involved before options are drafted. Hold an involvement activity and record who came, or add lived-experience members to the working group (NHS Act 2006 s242 and s14Z45)."
                )
            }
            return nil
        case .consultation:
            guard let consultation = facts.consultation else {
                return StageRefusal(rule: "G2", "Set up the consultation and its pack before moving to consultation.")
            }
            if let problem = GunningGate.check(.g2, consultation, today: today), problem.status != .met {
                return StageRefusal(rule: "G2", problem.detail)
            }
            if consultation.questionCount == 0 {
                return StageRefusal(rule: "G2", "Add at least one question to the consultation's survey.")
            }
            return nil
        case .analysis:
            guard let consultation = facts.consultation else {
                return StageRefusal(rule: "G4", "There is no consultation to analyse.")
            }
            if consultation.isOpen(on: today) || consultation.opensOn > today {
                return StageRefusal(
                    rule: "G4",
                    "The consultation is still open until \(consultation.closesOn.ukText). Analysis starts when it has closed."
                )
            }
            return nil
        case .decision:
            if !facts.decisionApproved {
                return StageRefusal(
                    rule: "G4", "Approve the decision first. Approval checks the Gunning principles for you.")
            }
            return nil
        case .implementation:
            return facts.decisionApproved ? nil : StageRefusal(rule: "G4", "The decision has not been approved.")
        case .review:
            if let consultation = facts.consultation, consultation.analysisPublished == false {
                return StageRefusal(
                    rule: "G4", "Publish the outcome report first, so people can see the influence they had.")
            }
            return nil
        }
    }
}
