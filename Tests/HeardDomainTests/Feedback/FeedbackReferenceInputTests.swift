import HeardDomain
import Testing

@Suite("Reading a feedback reference as people type it")
struct FeedbackReferenceInputTests {
    @Test("any case, spaces and with or without HRD- read as the stored reference; anything else says what to fix")
    func reads() {
        for typed in [
            "HRD-7K2M9QXD", " hrd-7k2m9qxd ", "HRD 7K2M 9QXD", "7k2m9qxd", "hrd7K2M-9QXD", "HRD-7K2M9QXD.",
            "\"HRD-7K2M9QXD\",",
        ] {
            #expect(FeedbackReferenceInput.read(typed) == .success("HRD-7K2M9QXD"), "\(typed)")
        }
        #expect(FeedbackReferenceInput.read("  ") == .failure(.empty))
        for typed in ["HRD-7K2M9QX", "HRD-7K2M9QXDD", "HRD-0K2M9QXD", "HRD-7K2M9QXO", "my reference", "HRD-7K2M9QX!"] {
            guard case .failure(.malformed) = FeedbackReferenceInput.read(typed) else {
                Issue.record("\(typed) was read")
                continue
            }
        }
        #expect(
            FeedbackReferenceInput.Problem.malformed("HRD-0K2M9QXD").description.contains(
                "References have no 0, 1, I or O"))
    }
}
