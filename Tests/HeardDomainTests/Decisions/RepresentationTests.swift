import Testing

@testable import HeardDomain

@Suite("Representation and cadence")
struct RepresentationTests {
    @Test("a group under half its population share is flagged; a fair share is not")
    func halfRule() {
        let rows = Representation.table(
            characteristic: "ethnic group", categories: ["Asian/Asian British", "White"],
            answers: ["Asian/Asian British": 10, "White": 90], population: ["Asian/Asian British": 32.1, "White": 61.1])
        #expect(rows[0].underRepresented)
        #expect(rows[0].respondentShare == 10)
        #expect(!rows[1].underRepresented)
    }

    @Test("the binomial test flags a shortfall the half rule misses, including in a group that is most people")
    func binomialTest() {
        // 20% of 400 answers against a 30% population share: above half, but P(X ≤ 80) is about 0.00001.
        #expect(Representation.isUnderRepresented(count: 80, answered: 400, populationPercent: 30))
        // 28% of 100 against 30%: P(X ≤ 28) ≈ 0.38, not flagged.
        #expect(!Representation.isUnderRepresented(count: 28, answered: 100, populationPercent: 30))
        // 20 of 26 where 95.4% of people are in the group: P(X ≤ 20) ≈ 0.001 (24.8 expected).
        #expect(Representation.isUnderRepresented(count: 20, answered: 26, populationPercent: 95.4))
        // 24 of 26: P(X ≤ 24) ≈ 0.33, a fair share.
        #expect(!Representation.isUnderRepresented(count: 24, answered: 26, populationPercent: 95.4))
        // The tail itself, against values worked by hand: P(X ≤ 0 | 10, 0.5) = 1/1024; P(X ≤ 5 | 10, 0.5) ≈ 0.623.
        #expect(abs(Representation.lowerTail(count: 0, trials: 10, probability: 0.5) - 1.0 / 1024) < 1e-12)
        #expect(abs(Representation.lowerTail(count: 5, trials: 10, probability: 0.5) - 638.0 / 1024) < 1e-12)
        // Large numbers do not overflow: 4,800 of 10,000 against 50%, P ≈ 0.00003.
        #expect(Representation.lowerTail(count: 4_800, trials: 10_000, probability: 0.5) < 0.0001)
    }

    @Test(
        "fewer than 20 answers, or fewer than 5 expected from the group, flags nothing; counts of 1 to 4 are suppressed"
    )
    func smallNumbers() {
        #expect(!Representation.isUnderRepresented(count: 0, answered: 19, populationPercent: 50))
        // 26 answers and a 0.6% group: 0.16 people expected, so none is not evidence of anything.
        #expect(!Representation.isUnderRepresented(count: 0, answered: 26, populationPercent: 0.6))
        // 200 answers and a 5% group: 10 expected, none came.
        #expect(Representation.isUnderRepresented(count: 0, answered: 200, populationPercent: 5))
        // 40 answers and a 10.5% group: 4.2 expected, fewer than 5, but none coming has p = 0.012: judged, flagged.
        #expect(Representation.canJudge(answered: 40, populationPercent: 10.5))
        #expect(Representation.isUnderRepresented(count: 0, answered: 40, populationPercent: 10.5))
        // 40 answers and an 8% group with 1 respondent: under half its share, but p = 0.16 and only 3.2 expected.
        #expect(!Representation.isUnderRepresented(count: 1, answered: 40, populationPercent: 8))
        let rows = Representation.table(
            characteristic: "sex", categories: ["female", "male"], answers: ["female": 3, "male": 0],
            population: ["female": 51, "male": 49])
        #expect(rows[0].respondents == nil)
        #expect(rows[0].respondentShare == nil)
        // A zero beside it would say all 3 are women, so it is hidden too.
        #expect(rows[1].respondents == nil)
        #expect(rows.map { $0.respondentsText() } == ["fewer than 5", "fewer than 5"])
        #expect(Representation.countText(nil) == "fewer than 5")
        // With enough hidden beside a small group for the total to show, a zero reveals no one and is kept.
        let mixed = Representation.table(
            characteristic: "ethnic group", categories: ["Black", "Mixed", "White", "Other"],
            answers: ["Black": 2, "White": 30], population: [:])
        #expect(mixed.map(\.respondents) == [nil, 0, nil, 0], "2 Black hidden, White hidden beside it, zeros kept")
        #expect(mixed.map { $0.respondentsText() }[2] == "not shown, to protect a small group")
        let twoSmall = Representation.table(
            characteristic: "ethnic group", categories: ["Black", "Mixed", "White", "Other"],
            answers: ["Black": 3, "Mixed": 4], population: [:])
        #expect(twoSmall.allSatisfy { $0.respondents == nil }, "every group reads fewer than 5")
        #expect(!Representation.totalIsSafe(twoSmall))
        // Where the rule cannot judge, the table says so rather than "No".
        #expect(rows.map(\.verdict) == ["Too few to tell", "Too few to tell"], "3 answers")
        let judged = Representation.table(
            characteristic: "ethnic group", categories: ["Black/Black British", "Asian/Asian British", "White"],
            answers: ["Asian/Asian British": 12, "White": 28],
            population: ["Black/Black British": 5.6, "Asian/Asian British": 32.1, "White": 61.1])
        // 40 answers: 2.2 Black respondents expected, so none is no evidence either way.
        #expect(judged.map(\.verdict) == ["Too few to tell", "No", "No"])
        // Too few to judge a shortfall, but a share at or above the population's is plainly not one.
        let over = Representation.table(
            characteristic: "ethnic group", categories: ["Black/Black British", "Asian/Asian British", "White"],
            answers: ["Black/Black British": 5, "Asian/Asian British": 15, "White": 20],
            population: ["Black/Black British": 7.2, "Asian/Asian British": 30.0, "White": 62.8])
        #expect(over[0].respondentShare == 12.5)
        #expect(!over[0].canJudge, "40 answers, 7.2%: none would happen 5% of the time")
        #expect(over[0].verdict == "No", "5 respondents, 12.5% against 7.2%")
        let under = Representation.table(
            characteristic: "ethnic group", categories: ["Black/Black British", "Asian/Asian British", "White"],
            answers: ["Black/Black British": 0, "Asian/Asian British": 15, "White": 25],
            population: ["Black/Black British": 7.2, "Asian/Asian British": 30.0, "White": 62.8])
        #expect(under[0].verdict == "Too few to tell", "none, below 7.2%, but that could be chance")
        // A hidden count keeps "too few to tell": "No" would say it is at least the population's share.
        let hidden = Representation.table(
            characteristic: "ethnic group", categories: ["Black/Black British", "Asian/Asian British", "White"],
            answers: ["Black/Black British": 4, "Asian/Asian British": 15, "White": 21],
            population: ["Black/Black British": 7.2, "Asian/Asian British": 30.0, "White": 62.8])
        #expect(hidden[0].respondents == nil)
        #expect(hidden[0].verdict == "Too few to tell")
        let unknownPopulation = Representation.table(
            characteristic: "sex", categories: ["female"], answers: ["female": 30], population: [:])
        #expect(unknownPopulation[0].verdict == "Cannot compare")
        // The table's own total: with 3 women and no men, "3 answered" would give the 3 away.
        #expect(!Representation.totalIsSafe(rows))
        #expect(Representation.totalIsSafe(judged))
    }

    @Test("population shares are taken over those who answered the census question, as respondents' shares are")
    func populationOverThoseWhoAnswered() throws {
        // Bradford, religion: 5.5% did not answer the census question.
        let census = [
            "No religion": 28.2, "Christian": 33.4, "Muslim": 30.5, "Hindu": 0.9, "Sikh": 0.9, "Jewish": 0.0,
            "Buddhist": 0.2, "Other religion": 0.4, "Not answered": 5.5,
        ]
        let categories = MonitoringCharacteristic.religion.categories
        let rows = Representation.table(
            characteristic: "religion", categories: categories, answers: ["Muslim": 40, "Christian": 60],
            population: census)
        let muslim = try #require(rows.first { $0.category == "Muslim" }?.populationShare)
        #expect(abs(muslim - 30.5 * 100 / 94.5) < 0.0001, "32.3%, not 30.5%")
        #expect(abs(rows.compactMap(\.populationShare).reduce(0, +) - 100) < 0.0001)
        // A group without a figure leaves the shares as given: there is nothing honest to scale them by.
        let partial = Representation.comparable(["female": 40, "male": 40], over: ["female", "male", "other"])
        #expect(partial == ["female": 40, "male": 40])
    }

    @Test("a small number cannot be worked out from the total: the smallest other group is hidden beside it")
    func secondarySuppression() {
        // The QA case: 13 answered, 9 women, so "fewer than 5" men would be 4 exactly.
        let sex = Representation.table(
            characteristic: "sex", categories: ["female", "male"], answers: ["female": 9, "male": 4],
            population: ["female": 51, "male": 49])
        #expect(sex.map { $0.respondentsText() } == ["not shown, to protect a small group", "fewer than 5"])
        #expect(sex.allSatisfy { $0.respondents == nil && $0.respondentShare == nil })
        #expect(Representation.totalIsSafe(sex), "two unknowns: only their sum, 13, is known")
        // The smallest other group is the one hidden; the rest, and zero, stay.
        let ethnic = Representation.table(
            characteristic: "ethnic group", categories: ["Asian", "Black", "Mixed", "White"],
            answers: ["Asian": 30, "Black": 2, "Mixed": 0, "White": 60],
            population: ["Asian": 32.1, "Black": 5.6, "Mixed": 2.3, "White": 61.1])
        #expect(
            ethnic.map { $0.respondentsText() } == ["not shown, to protect a small group", "fewer than 5", "0", "60"])
        #expect(ethnic[3].respondentShare != nil)
        // Hidden beside a small group, a group of 5 is not enough: 1 + 5 is the only split of 6 with one group
        // under 5 and one of at least 5. So the total goes too.
        let tight = Representation.table(
            characteristic: "sex", categories: ["female", "male"], answers: ["female": 1, "male": 5],
            population: ["female": 51, "male": 49])
        #expect(tight.allSatisfy { $0.respondents == nil })
        #expect(!Representation.totalIsSafe(tight))
        // With a third group, it is hidden as well, until what is hidden adds up to at least 10.
        let three = Representation.table(
            characteristic: "age", categories: ["25-34", "35-44", "45-54"],
            answers: ["25-34": 1, "35-44": 5, "45-54": 30], population: [:])
        #expect(
            three.map { $0.respondentsText() } == [
                "fewer than 5", "not shown, to protect a small group", "not shown, to protect a small group",
            ])
        #expect(Representation.totalIsSafe(three))
        // For every table, no hidden group's number follows from the total: at least two splits fit.
        for answers in [[1, 5], [1, 6], [4, 9], [2, 2], [1, 5, 30], [3, 0, 7], [1, 1, 8]] {
            let names = answers.indices.map { "g\($0)" }
            let rows = Representation.table(
                characteristic: "x", categories: names,
                answers: Dictionary(uniqueKeysWithValues: zip(names, answers)), population: [:])
            guard Representation.totalIsSafe(rows) else { continue }
            let hidden = rows.indices.filter { rows[$0].respondents == nil }
            let hiddenSum = hidden.reduce(0) { $0 + answers[$1] }
            // Splits a reader could not rule out: small groups 1–4, protecting groups at least 5.
            func splits(_ remaining: ArraySlice<Int>, _ sum: Int) -> Int {
                guard let first = remaining.first else { return sum == 0 ? 1 : 0 }
                let range = rows[first].protectsSmallGroup ? 5...max(5, sum) : 1...4
                return range.reduce(0) { $0 + ($1 <= sum ? splits(remaining.dropFirst(), sum - $1) : 0) }
            }
            #expect(splits(hidden[...], hiddenSum) >= 2, "\(answers)")
        }
        // Nothing small, nothing hidden.
        let plain = Representation.table(
            characteristic: "sex", categories: ["female", "male"], answers: ["female": 9, "male": 6], population: [:])
        #expect(plain.map { $0.respondentsText() } == ["9", "6"])
        #expect(plain.allSatisfy { !$0.protectsSmallGroup })
    }

    @Test("a place with no in-person activity for 90 days, or under 4 a year, is going quiet")
    func cadence() {
        let today = SimpleDate(year: 2026, month: 11, day: 25)
        let busy = (0..<6).map { today.adding(days: -30 * $0 - 1) }
        let result = CadenceRules.cadence(
            places: ["Leeds", "Wakefield", "Harrogate"],
            inPersonDates: ["Leeds": busy, "Wakefield": [today.adding(days: -200)]], today: today)
        #expect(result[0].isGoingQuiet == false)
        #expect(result[0].inPersonLastYear == 6)
        #expect(result[1].isGoingQuiet)
        #expect(result[1].lastInPerson == today.adding(days: -200))
        #expect(result[2].isGoingQuiet)
        #expect(result[2].lastInPerson == nil)
    }

    @Test("answers to the shared equality questions fall into the census groups")
    func censusGroups() {
        #expect(
            MonitoringCharacteristic.censusGroup(question: .ethnicGroup, answer: "asian")! == (
                .ethnicGroup, "Asian/Asian British"
            ))
        #expect(
            MonitoringCharacteristic.censusGroup(question: .disability, answer: "yes_a_little")! == (
                .disability, "Disabled under the Equality Act"
            ))
        #expect(
            MonitoringCharacteristic.censusGroup(question: .carer, answer: "yes")! == (
                .unpaidCare, "Provides unpaid care (any hours)"
            ))
        #expect(MonitoringCharacteristic.censusGroup(question: .ageBand, answer: "75+")! == (.age, "75+"))
        #expect(
            MonitoringCharacteristic.censusGroup(question: .sex, answer: "prefer_not_to_say")! == (
                .sex, "Prefer not to say"
            ))
        #expect(MonitoringCharacteristic.censusGroup(question: .religion, answer: "pastafarian") == nil)
        for question in EqualityQuestion.allCases {
            for (value, _) in question.options {
                #expect(
                    MonitoringCharacteristic.censusGroup(question: question, answer: value) != nil,
                    "\(question) \(value)")
            }
        }
    }
}
