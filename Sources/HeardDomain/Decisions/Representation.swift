import Foundation

/// The groups the representation table reports: the protected characteristics (Equality Act 2010) plus carers
/// and main language, with categories that match the Census 2021 figures where the census has them. Answers
/// come from the shared equality monitoring questions (`EqualityQuestion`) through `censusGroup`.
public enum MonitoringCharacteristic: String, CaseIterable, Sendable, Codable {
    case age
    case sex
    case ethnicGroup = "ethnic group"
    case religion
    case disability
    case unpaidCare = "unpaid care"
    case mainLanguage = "main language"
    case genderReassignment = "gender reassignment"
    case sexualOrientation = "sexual orientation"
    case marriage = "marriage or civil partnership"
    case pregnancy = "pregnancy and maternity"

    public var title: String {
        switch self {
        case .age: "Age"
        case .sex: "Sex"
        case .ethnicGroup: "Ethnic group"
        case .religion: "Religion or belief"
        case .disability: "Disability"
        case .unpaidCare: "Carers"
        case .mainLanguage: "Main language"
        case .genderReassignment: "Gender reassignment"
        case .sexualOrientation: "Sexual orientation"
        case .marriage: "Marriage and civil partnership"
        case .pregnancy: "Pregnancy and maternity"
        }
    }

    /// The answers offered. "Prefer not to say" is always added and never counted in shares.
    /// Where the census has the same breakdown, the category names are the census's, so shares compare.
    public var categories: [String] {
        switch self {
        case .age: ["0-14", "15-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75+"]
        case .sex: ["female", "male"]
        case .ethnicGroup:
            [
                "Asian/Asian British", "Black/Black British/Caribbean/African", "Mixed/multiple", "White",
                "Other ethnic group",
            ]
        case .religion:
            ["No religion", "Christian", "Buddhist", "Hindu", "Jewish", "Muslim", "Sikh", "Other religion"]
        case .disability: ["Disabled under the Equality Act", "Not disabled"]
        case .unpaidCare: ["Provides unpaid care (any hours)", "Not a carer"]
        case .mainLanguage: ["Main language not English", "Main language English"]
        case .genderReassignment: ["Yes, the same", "No, different"]
        case .sexualOrientation: ["Straight or heterosexual", "Gay or lesbian", "Bisexual", "Other sexual orientation"]
        case .marriage: ["Married or in a civil partnership", "Not married or in a civil partnership"]
        case .pregnancy: ["Yes", "No"]
        }
    }

    public static let preferNotToSay = "Prefer not to say"
}

/// One group's line in a representation table.
public struct RepresentationRow: Sendable, Equatable {
    public var characteristic: String
    public var category: String
    /// Respondents in this group; nil when suppressed (fewer than the small-number threshold, but not zero).
    public var respondents: Int?
    /// Share of those who answered this characteristic, in percent; nil when suppressed.
    public var respondentShare: Double?
    /// Share of the place's population, in percent, when known.
    public var populationShare: Double?
    public var underRepresented: Bool
    /// False when the rule cannot judge this group (too few answers, too few expected from it, or no
    /// population figure): "No" would then claim more than the numbers show.
    public var canJudge: Bool = true
    /// Hidden although not small, because with the total shown it would give away a small group's number
    /// (secondary suppression: see `Representation.table`).
    public var protectsSmallGroup: Bool = false
    /// The characteristic's total must not be shown: too little is hidden beside its small numbers for the
    /// total not to give them away (see `Representation.totalIsSafe`).
    public var hidesTotal: Bool = false

    /// What the table says in its "Respondents" column.
    public func respondentsText(suppressBelow: Int = Representation.defaultSuppressBelow) -> String {
        if let respondents { return String(respondents) }
        return protectsSmallGroup ? "not shown, to protect a small group" : "fewer than \(suppressBelow)"
    }

    /// What the table says in its "Under-represented" column. "Too few to tell" is only for a group the rule
    /// cannot judge whose share is below the population's (or not shown): a share at or above the population's
    /// is no shortfall however few answered, so that is plainly "No". A hidden count keeps "Too few to tell",
    /// which depends only on how many answered, because "No" would tell the reader something about it.
    public var verdict: String {
        if underRepresented { return "Yes" }
        guard let populationShare else { return "Cannot compare" }
        if canJudge { return "No" }
        if let respondentShare, respondentShare >= populationShare { return "No" }
        return "Too few to tell"
    }
}

/// Compares who took part with who lives in the place.
///
/// The rule, stated on every report (`ruleText`): a group is judged when at least `minimumAnswers` (20) people
/// answered the question and even none from the group would be unlikely by chance; it is flagged when a one-sided
/// exact binomial test at the 5% level says there are fewer respondents than the population share would give,
/// or, with at least 5 expected, its share of respondents is less than half its share of the population.
/// Counts from 1 to 4 (below `suppressBelow`, configurable) are shown as "fewer than 5" and their shares hidden,
/// so no one can be picked out; zero is shown, because it reveals no one, unless the zeros would be the only
/// numbers showing. The smallest other groups are hidden beside a small one, or else the total, so the total
/// cannot give it away.
public enum Representation {
    public static let defaultSuppressBelow = 5
    public static let minimumAnswers = 20
    /// The rule in a few plain sentences, for the page; `ruleText` gives it exactly.
    public static let plainSummary =
        "We compare who answered with who lives here. A group is marked under-represented when clearly fewer people from it answered than its share of the population would give. To protect people's privacy, numbers from 1 to 4 are shown as \"fewer than 5\"."
    public static let ruleText =
        "A group is flagged as under-represented when at least 20 people answered the question and either so few respondents from the group would happen less than 5% of the time if people had taken part in line with the population (a one-sided binomial test), or, when at least 5 of them would be expected, its share of respondents is less than half its share of the population. Where even no respondents from a group would not be that unlikely, the table says \"too few to tell\", unless the group's share of respondents is at least its share of the population. Numbers from 1 to 4 are shown as \"fewer than 5\", and beside them at least one more group, or the total, is not shown, so that no one can be identified or worked out from the total. When so few answered that the total is not shown either, and no group's number could be shown, groups with none are shown as \"fewer than 5\" too."

    /// `answers`: category → count for one characteristic ("Prefer not to say" excluded by the caller or here).
    /// `population`: category → percent of the place's population.
    public static func table(
        characteristic: String, categories: [String], answers: [String: Int], population: [String: Double],
        suppressBelow: Int = defaultSuppressBelow
    ) -> [RepresentationRow] {
        let answered = categories.reduce(0) { $0 + (answers[$1] ?? 0) }
        let population = comparable(population, over: categories)
        var rows = categories.map { category in
            let count = answers[category] ?? 0
            let share = answered > 0 ? Double(count) * 100 / Double(answered) : nil
            let populationShare = population[category]
            let suppressed = count > 0 && count < suppressBelow
            return RepresentationRow(
                characteristic: characteristic, category: category, respondents: suppressed ? nil : count,
                respondentShare: suppressed ? nil : share, populationShare: populationShare,
                underRepresented: isUnderRepresented(
                    count: count, answered: answered, populationPercent: populationShare),
                canJudge: canJudge(answered: answered, populationPercent: populationShare))
        }
        // With the total shown, one hidden small number is the total less the others ("13 answered, 9 women":
        // 4 men). So the smallest other groups are hidden too, until what is hidden adds up to at least twice
        // the threshold: a reader then knows only a sum that many splits give. Less than that and the split is
        // as good as known (1 woman and 5 men hidden, 6 answered: a small group plus one of at least 5 can
        // only be 1 + 5), so when there is nothing more to hide the total must go instead (`totalIsSafe`).
        let counts = categories.map { answers[$0] ?? 0 }
        var hiddenSum = rows.indices.filter { rows[$0].respondents == nil }.reduce(0) { $0 + counts[$1] }
        if hiddenSum > 0 {
            var protectors = 0
            let shown = rows.indices.filter { counts[$0] >= suppressBelow }.sorted { counts[$0] < counts[$1] }
            for index in shown where protectors == 0 || hiddenSum < 2 * suppressBelow {
                rows[index].respondents = nil
                rows[index].respondentShare = nil
                rows[index].protectsSmallGroup = true
                hiddenSum += counts[index]
                protectors += 1
            }
            if protectors == 0 || hiddenSum < 2 * suppressBelow {
                for index in rows.indices { rows[index].hidesTotal = true }
                // Then the few who answered are all in the hidden groups, and when every number left showing
                // is a zero, the zeros say which: two answers with "fewer than 5" Black and 0 in every other
                // group tell the reader both people are Black. So the zeros are hidden like the small numbers.
                if !rows.contains(where: { ($0.respondents ?? 0) > 0 }) {
                    for index in rows.indices where rows[index].respondents == 0 {
                        rows[index].respondents = nil
                        rows[index].respondentShare = nil
                    }
                }
            }
        }
        return rows
    }

    /// The population's shares over the groups compared, like the respondents' shares: the census counts
    /// residents who did not answer a question too ("Not answered", 5.5% of Bradford for religion), and
    /// respondents who preferred not to say are left out of their shares, so both are taken over those who
    /// answered. Only when every group has a figure; otherwise the shares are left as given.
    public static func comparable(_ population: [String: Double], over categories: [String]) -> [String: Double] {
        let figures = categories.compactMap { population[$0] }
        let total = figures.reduce(0, +)
        guard figures.count == categories.count, total > 0 else { return population }
        return population.mapValues { $0 * 100 / total }
    }

    /// Whether a table's total may be shown beside its rows: not when its small numbers could be worked out
    /// from it (too little could be hidden beside them).
    public static func totalIsSafe(_ rows: [RepresentationRow]) -> Bool {
        !rows.contains(where: \.hidesTotal)
    }

    /// Whether the rule can say anything about a group: enough answers, a population share, and enough
    /// expected from the group to tell a shortfall from chance.
    public static func canJudge(answered: Int, populationPercent: Double?) -> Bool {
        guard let populationPercent, populationPercent > 0, populationPercent < 100, answered >= minimumAnswers else {
            return false
        }
        // The test's own power: only if even none from the group would be unlikely by chance can a shortfall
        // show at all (0 of 40 where 10.5% of people are in the group: p = 0.012, judged).
        return pow(1 - populationPercent / 100, Double(answered)) < significance
    }

    public static func isUnderRepresented(count: Int, answered: Int, populationPercent: Double?) -> Bool {
        guard let populationPercent, canJudge(answered: answered, populationPercent: populationPercent) else {
            return false
        }
        let p = populationPercent / 100
        let observed = Double(count) / Double(answered)
        // The half rule reads a share, which means little when only a handful are expected.
        if Double(answered) * p >= 5, observed < p / 2 { return true }
        // Exact rather than the normal approximation, which fails for a group that is most of the population
        // (20 White respondents of 26 where 95.4% of people are White is a clear shortfall, p = 0.001).
        return lowerTail(count: count, trials: answered, probability: p) < significance
    }

    /// The one-sided significance level of the binomial test.
    public static let significance = 0.05

    /// P(X ≤ count) for X ~ Binomial(trials, probability), summed in log space so large counts do not overflow.
    static func lowerTail(count: Int, trials: Int, probability p: Double) -> Double {
        guard count < trials else { return 1 }
        let oddsStep = log(p) - log1p(-p)
        // log P(X = 0), then each next term from the one before: × (n − k) / (k + 1) × p / (1 − p).
        var logTerm = Double(trials) * log1p(-p)
        var total = exp(logTerm)
        for k in 0..<count {
            logTerm += log(Double(trials - k)) - log(Double(k + 1)) + oddsStep
            total += exp(logTerm)
        }
        return min(total, 1)
    }

    /// Text for a count that may be suppressed.
    public static func countText(_ count: Int?, suppressBelow: Int = defaultSuppressBelow) -> String {
        count.map(String.init) ?? "fewer than \(suppressBelow)"
    }

    /// Suppresses a count for aggregate reports: 1…(threshold−1) become nil.
    public static func suppressed(_ count: Int, below threshold: Int = defaultSuppressBelow) -> Int? {
        count > 0 && count < threshold ? nil : count
    }
}

extension MonitoringCharacteristic {
    /// Where one answer to the shared equality monitoring questions (`EqualityQuestion`) falls in the
    /// Census 2021 groups the representation table compares with; nil for an unknown answer.
    public static func censusGroup(question: EqualityQuestion, answer: String) -> (MonitoringCharacteristic, String)? {
        let characteristic: MonitoringCharacteristic
        let groups: [String: String]
        switch question {
        case .ageBand:
            characteristic = .age
            groups = Dictionary(uniqueKeysWithValues: MonitoringCharacteristic.age.categories.map { ($0, $0) })
        case .sex:
            characteristic = .sex
            groups = ["female": "female", "male": "male"]
        case .ethnicGroup:
            characteristic = .ethnicGroup
            groups = [
                "asian": "Asian/Asian British", "black": "Black/Black British/Caribbean/African",
                "mixed": "Mixed/multiple", "white": "White", "other": "Other ethnic group",
            ]
        case .religion:
            characteristic = .religion
            groups = [
                "none": "No religion", "christian": "Christian", "buddhist": "Buddhist", "hindu": "Hindu",
                "jewish": "Jewish", "muslim": "Muslim", "sikh": "Sikh", "other": "Other religion",
            ]
        case .disability:
            characteristic = .disability
            groups = [
                "yes_a_lot": "Disabled under the Equality Act", "yes_a_little": "Disabled under the Equality Act",
                "no": "Not disabled",
            ]
        case .carer:
            characteristic = .unpaidCare
            groups = ["yes": "Provides unpaid care (any hours)", "no": "Not a carer"]
        case .genderReassignment:
            characteristic = .genderReassignment
            groups = ["yes": "Yes, the same", "no": "No, different"]
        case .sexualOrientation:
            characteristic = .sexualOrientation
            groups = [
                "straight": "Straight or heterosexual", "gay_lesbian": "Gay or lesbian", "bisexual": "Bisexual",
                "other": "Other sexual orientation",
            ]
        case .marriage:
            characteristic = .marriage
            groups = ["yes": "Married or in a civil partnership", "no": "Not married or in a civil partnership"]
        case .pregnancy:
            characteristic = .pregnancy
            groups = ["yes": "Yes", "no": "No"]
        }
        if answer == EqualityQuestion.preferNotToSay { return (characteristic, preferNotToSay) }
        return groups[answer].map { (characteristic, $0) }
    }
}
