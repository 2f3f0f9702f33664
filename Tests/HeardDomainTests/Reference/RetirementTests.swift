import HeardDomain
import Testing

@Suite("Retiring places and services")
struct RetirementTests {
    @Test("a place with services in use cannot be retired; the message names them, sorted, and counts the rest")
    func placeWithLiveServices() {
        #expect(Retirement.placeProblem(place: "Leeds", liveServices: []) == nil)
        #expect(
            Retirement.placeProblem(place: "Leeds", liveServices: ["Eye clinic"])
                == "Leeds cannot be retired while it has this service, which is still offered: Eye clinic. Retire or move it first."
        )
        let two = Retirement.placeProblem(place: "Leeds", liveServices: ["Walk-in centre", "Eye clinic"])
        #expect(two?.contains("these 2 services, which are still offered: Eye clinic, Walk-in centre.") == true)
        let many = Retirement.placeProblem(place: "Leeds", liveServices: (1...12).map { "Clinic \($0)" }, shown: 10)
        #expect(many?.contains("Clinic 1, Clinic 2,") == true, "numbers in natural order")
        #expect(many?.contains("Clinic 10 and 2 more.") == true)
        #expect(many?.contains("Clinic 11") == false)
    }

    @Test("a service cannot be restored into a retired place")
    func restoreNeedsPlaceInUse() {
        #expect(Retirement.restoreProblem(service: "Eye clinic", place: "Leeds", placeRetiredOn: nil) == nil)
        let problem = Retirement.restoreProblem(
            service: "Eye clinic", place: "Leeds", placeRetiredOn: SimpleDate(year: 2026, month: 3, day: 4))
        #expect(problem?.contains("Eye clinic cannot be restored while its place, Leeds, is retired") == true)
        #expect(problem?.contains("(since 4 March 2026). Restore Leeds first") == true)
    }

    @Test("refusals say what was retired and when; labels mark retired names")
    func wording() {
        let day = SimpleDate(year: 2026, month: 11, day: 30)
        #expect(
            Retirement.serviceRetired("Eye clinic", on: day).hasPrefix("Eye clinic was retired on 30 November 2026"))
        #expect(Retirement.placeRetired("Leeds", on: day).hasPrefix("Leeds was retired on 30 November 2026"))
        #expect(Retirement.label("Leeds", retired: true) == "Leeds (retired)")
        #expect(Retirement.label("Leeds", retired: false) == "Leeds")
    }
}
