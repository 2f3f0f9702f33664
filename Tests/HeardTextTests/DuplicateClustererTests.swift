import Testing

@testable import HeardText

@Suite struct DuplicateClustererTests {
    let campaign =
        "Please keep the minor injuries unit at Ripon open because the next nearest one is forty minutes away by car"

    @Test func identicalCampaignResponsesShareACluster() {
        let (ids, sizes) = DuplicateClusterer.cluster([
            campaign, "The nurse was kind to my mother today", campaign, campaign,
        ])
        #expect(ids[0] == ids[2])
        #expect(ids[2] == ids[3])
        #expect(ids[1] != ids[0])
        #expect(sizes[ids[0] - 1] == 3)
        #expect(sizes[ids[1] - 1] == 1)
    }

    @Test func lightlyEditedResponsesJoinTheCampaign() {
        let edited =
            "please keep the Minor Injuries Unit at Ripon open, because the next nearest one is 40 minutes away by car!!"
        let (ids, _) = DuplicateClusterer.cluster([campaign, edited])
        #expect(ids[0] == ids[1])
    }

    @Test func differentCommentsStayApart() {
        let texts = [
            "The ambulance crew were fast and explained everything to my family clearly",
            "I waited six hours in the emergency department with no update from anyone",
            "Parking at the hospital is too expensive and there are never enough spaces",
        ]
        let (ids, sizes) = DuplicateClusterer.cluster(texts)
        #expect(Set(ids).count == 3)
        #expect(sizes == [1, 1, 1])
    }

    @Test func shortAnswersAreNeverTreatedAsACampaign() {
        let (ids, _) = DuplicateClusterer.cluster(["Very good", "Very good", "Nothing", "Nothing"])
        #expect(Set(ids).count == 4)
    }

    @Test func incrementalIdsFollowFirstAppearance() {
        var clusterer = DuplicateClusterer()
        #expect(clusterer.add(campaign) == 1)
        #expect(clusterer.add("Short") == 2)
        #expect(clusterer.add(campaign) == 1)
        #expect(clusterer.size(of: 1) == 2)
        #expect(clusterer.clusterCount == 2)
    }

    // Two-sentence answers of the kind the consultation demo builds: an opening and an ending sentence.
    static let openings = [
        "I would need help with transport on some days.", "The bus from our estate only runs twice a day.",
        "My mum is ninety and cannot drive any more.", "Evening appointments would make a big difference to me.",
        "I worry the waiting list will get longer.", "Parking at the hospital costs too much for regular visits.",
        "The staff were kind when my husband was there.",
    ]
    static let endings = [
        "Please think about carers who work.", "Letters should come in other languages too.",
        "A phone number that someone answers would help.", "I support the change if the support is really there.",
        "Nobody asked us before, so thank you for asking now.",
    ]

    @Test func answersSharingOnlyTheirFirstSentenceAreNotACampaign() {
        // Every opening with every ending: 35 different answers, each pair sharing at most one sentence.
        let texts = Self.openings.flatMap { opening in Self.endings.map { opening + " " + $0 } }
        let (ids, sizes) = DuplicateClusterer.cluster(texts)
        #expect(Set(ids).count == texts.count)
        #expect(sizes.allSatisfy { $0 == 1 })
        let (pair, _) = DuplicateClusterer.cluster([
            "The bus from our estate only runs twice a day. Nobody asked us before, so thank you for asking now.",
            "The bus from our estate only runs twice a day. Letters should come in other languages too.",
        ])
        #expect(pair[0] != pair[1])
    }

    @Test func aTwoSentenceAnswerWithAWordOrTwoChangedStillJoins() {
        let answer = "Evening appointments would make a big difference to me. Please think about carers who work."
        let (ids, _) = DuplicateClusterer.cluster([
            answer,
            "Evening appointments would make a really big difference to me. Please think about carers who work.",
            "Evening appointments would make a big difference to me. Please think about all the carers who work!",
        ])
        #expect(ids == [1, 1, 1])
    }

    /// The eye clinic consultation's 26 answers as the demo makes them: 6 copies of one campaign, 20 others.
    static func eyeClinicAnswers(seed: Int = 0, count: Int = 26) -> [String] {
        let campaign = "Keep our local service open. Do not move it further away from the people who need it."
        return (0..<count).map { index in
            index % 5 == 0
                ? campaign
                : openings[(index * 3 + seed) % openings.count] + " " + endings[(index + seed) % endings.count]
        }
    }

    @Test func theGroupsDoNotDependOnTheOrderOfTheAnswers() {
        var generator = SplitMix(seed: 7)
        for seed in 0..<5 {
            let texts = Self.eyeClinicAnswers(seed: seed, count: 40)
            let expected = DuplicateClusterer.cluster(texts).sizes.filter { $0 > 1 }.sorted()
            // 8 campaign copies, and 4 answers that come round again after 35 (the same opening and ending).
            #expect(expected == [2, 2, 2, 2, 8])
            for _ in 0..<20 {
                let shuffled = texts.shuffled(using: &generator)
                #expect(DuplicateClusterer.cluster(shuffled).sizes.filter { $0 > 1 }.sorted() == expected)
            }
        }
    }
}

/// A small seeded generator, so a failing order can be found again.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
