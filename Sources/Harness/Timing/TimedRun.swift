import Dispatch
import Foundation

/// How many passes to make: `warmups` unrecorded passes first (caches, lazy
/// loading, allocator growth), then `repeats` measured ones.
public struct RepeatPlan: Hashable, Sendable, Codable {
    public var warmups: Int
    public var repeats: Int

    /// - Precondition: `warmups >= 0`, `repeats >= 1`.
    public init(warmups: Int = 1, repeats: Int = 3) {
        precondition(warmups >= 0, "warm-ups cannot be negative")
        precondition(repeats >= 1, "at least one measured repeat is needed")
        self.warmups = warmups
        self.repeats = repeats
    }
}

/// Times the extraction of a workload document by document.
///
/// The caller's closure does the extraction of document `i` (and only that:
/// loading and scoring belong outside, so they are not timed).
public enum TimedRun {
    /// Single-threaded: every pass runs documents 0..<workload.documents in
    /// order on the calling thread.
    ///
    /// - Parameters:
    ///   - clock: where time comes from; tests pass a scripted `TimeSource`.
    ///   - document: extracts document `i`. An error stops the run and is rethrown.
    public static func measure(
        _ workload: Workload, plan: RepeatPlan = RepeatPlan(),
        clock: some TimeSource = MonotonicClock(),
        document: (Int) throws -> Void
    ) rethrows -> TimingSummary {
        let count = workload.documents
        for _ in 0..<plan.warmups {
            for i in 0..<count { try document(i) }
        }
        var repeats: [RepeatMeasurement] = []
        for _ in 0..<plan.repeats {
            var latencies = [UInt64](repeating: 0, count: count)
            let start = clock.nanoseconds()
            for i in 0..<count {
                let before = clock.nanoseconds()
                try document(i)
                latencies[i] = clock.nanoseconds() &- before
            }
            let wall = clock.nanoseconds() &- start
            repeats.append(RepeatMeasurement(wallNanoseconds: wall, documentNanoseconds: latencies))
        }
        return TimingSummary(workload: workload, repeats: repeats, warmups: plan.warmups, jobs: 1)
    }

    /// With `jobs` workers taking the next unprocessed document as they become
    /// free. Workers run on Dispatch's threads, so no more run at once than it
    /// allows (about one per core); a worker that starts late finds less work.
    /// Each pass's wall time covers all workers, so rates are the pool's
    /// throughput; latencies are still per document.
    ///
    /// - Parameter document: called concurrently for different indices; must be
    ///   safe to call from several threads at once. The first error thrown
    ///   stops the workers and is rethrown.
    /// - Precondition: `jobs >= 1`.
    public static func measureConcurrently(
        _ workload: Workload, plan: RepeatPlan = RepeatPlan(), jobs: Int,
        clock: some TimeSource & Sendable = MonotonicClock(),
        document: @escaping @Sendable (Int) throws -> Void
    ) throws -> TimingSummary {
        precondition(jobs >= 1, "at least one worker is needed")
        let count = workload.documents
        for _ in 0..<plan.warmups {
            _ = try pass(count: count, jobs: jobs, clock: clock, document: document)
        }
        var repeats: [RepeatMeasurement] = []
        for _ in 0..<plan.repeats {
            let start = clock.nanoseconds()
            let latencies = try pass(count: count, jobs: jobs, clock: clock, document: document)
            let wall = clock.nanoseconds() &- start
            repeats.append(RepeatMeasurement(wallNanoseconds: wall, documentNanoseconds: latencies))
        }
        return TimingSummary(workload: workload, repeats: repeats, warmups: plan.warmups, jobs: jobs)
    }

    private static func pass(
        count: Int, jobs: Int, clock: some TimeSource & Sendable,
        document: @escaping @Sendable (Int) throws -> Void
    ) throws -> [UInt64] {
        let state = PassState(count: count)
        DispatchQueue.concurrentPerform(iterations: min(jobs, max(count, 1))) { _ in
            while let i = state.claim() {
                let before = clock.nanoseconds()
                do {
                    try document(i)
                } catch {
                    state.fail(error)
                    return
                }
                state.record(i, clock.nanoseconds() &- before)
            }
        }
        if let error = state.error { throw error }
        return state.latencies
    }
}

/// Shared state of one concurrent pass: the next document to hand out, each
/// document's latency, and the first error. Every access holds the lock.
private final class PassState: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private let count: Int
    private var stopped = false
    private(set) var latencies: [UInt64]
    private var firstError: (any Error)?

    init(count: Int) {
        self.count = count
        latencies = [UInt64](repeating: 0, count: count)
    }

    func claim() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped, next < count else { return nil }
        next += 1
        return next - 1
    }

    func record(_ index: Int, _ nanoseconds: UInt64) {
        lock.lock()
        latencies[index] = nanoseconds
        lock.unlock()
    }

    func fail(_ error: any Error) {
        lock.lock()
        if firstError == nil { firstError = error }
        stopped = true
        lock.unlock()
    }

    var error: (any Error)? {
        lock.lock()
        defer { lock.unlock() }
        return firstError
    }
}
