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
}
