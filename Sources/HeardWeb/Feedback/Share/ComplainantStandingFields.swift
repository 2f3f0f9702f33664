import HeardDomain

/// The questions under "formal complaint" about who is complaining: the person affected, or someone for them
/// (regulation 5), how they know them and whether the person has agreed. Shown in full, so it works without
/// JavaScript; only read when the complaint box is ticked.
enum ComplainantStandingFields {
    static func render(_ form: ShareForm, failure: ValidationFailure?, staffEntry: Bool) -> HTMLNode {
        div(.class("panel")) {
            p {
                strong {
                    staffEntry ? "If it is a complaint: who is complaining?" : "If it is a complaint: who is it for?"
                }
            }
            fields(
                type: form.complainantType, relationship: form.representativeRelationship,
                basis: form.representativeBasis, failure: failure, staffEntry: staffEntry)
        }
    }

    /// The three questions alone, with the answers given so far (`type` empty or nil: the person affected).
    @HTMLBuilder
    static func fields(
        type: String?, relationship: String?, basis: String?, failure: ValidationFailure?, staffEntry: Bool
    ) -> [HTMLNode] {
        FormComponents.radios(
            name: "complainant_type",
            legend: staffEntry ? "The complainant is" : "I am",
            choices: [
                .init(
                    value: ComplainantType.personAffected.rawValue,
                    label: staffEntry ? "The person affected" : "The person this happened to"),
                .init(
                    value: ComplainantType.representative.rawValue,
                    label: "Complaining for someone else"),
            ],
            selected: type.flatMap { $0.isEmpty ? nil : $0 }
                ?? ComplainantType.personAffected.rawValue,
            failure: failure)
        FormComponents.textField(
            name: "representative_relationship",
            label: staffEntry
                ? "How they know the person affected (only if complaining for someone else)"
                : "How you know them (only if complaining for someone else)",
            value: relationship ?? "", failure: failure,
            hint: "For example, their daughter, their carer, a friend.", required: false, width: "short")
        FormComponents.radios(
            name: "representative_basis",
            legend: staffEntry
                ? "Can they complain for them? (only if complaining for someone else)"
                : "Have they agreed to you complaining for them? (only if complaining for someone else)",
            choices: RepresentativeBasis.allCases.map {
                .init(value: $0.rawValue, label: staffEntry ? $0.staffTitle : $0.title)
            },
            selected: basis ?? "", failure: failure,
            hint: staffEntry
                ? "Their records can only be shared with the complainant once the person affected agrees, unless they have died, are a child or cannot agree because they lack capacity."
                : "We can only share their records with you once they agree, unless they have died, are a child or cannot agree because they lack capacity."
        )
    }
}
