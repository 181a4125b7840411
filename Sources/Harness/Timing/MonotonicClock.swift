import Dispatch

/// A source of monotonic time in nanoseconds. Timings take one as a parameter
/// so that tests can drive the bookkeeping with scripted durations.
public protocol TimeSource {
    /// Nanoseconds since an arbitrary fixed origin; never decreases.
    func nanoseconds() -> UInt64
}

/// The system's monotonic clock (`CLOCK_MONOTONIC` on Linux, through
/// `DispatchTime`): unaffected by changes of the wall-clock time.
public struct MonotonicClock: TimeSource, Sendable {
    public init() {}

    @inlinable
    public func nanoseconds() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    /// Runs `body` once and returns its result with the seconds it took; for
    /// one-off phases such as loading a model or a gazetteer.
    public func measure<T>(_ body: () throws -> T) rethrows -> (result: T, seconds: Double) {
        let start = nanoseconds()
        let result = try body()
        return (result, Double(nanoseconds() &- start) / 1e9)
    }
}
