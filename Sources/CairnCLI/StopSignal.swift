import Dispatch
import Foundation

/// SIGTERM and SIGINT caught rather than fatal: a long-running loop asks `isRaised` between
/// units of work, so that it finishes the one in hand before it stops.
final class StopSignal: @unchecked Sendable {
    // Guarded by `lock`: set on the signal queue, read on the loop's thread.
    private var raised = false
    private let lock = NSLock()
    private var sources: [any DispatchSourceSignal] = []

    init(signals: [Int32] = [SIGTERM, SIGINT]) {
        for number in signals {
            // The default action would end the process at once; the source sees the signal instead.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak self] in self?.raise() }
            source.resume()
            sources.append(source)
        }
    }

    private func raise() {
        lock.withLock { raised = true }
    }

    var isRaised: Bool { lock.withLock { raised } }

    /// Sleeps up to `seconds`, waking early once a signal is raised.
    func sleep(_ seconds: Double) async {
        var left = seconds
        while left > 0, !isRaised {
            let step = min(left, 0.1)
            try? await Task.sleep(nanoseconds: UInt64(step * 1_000_000_000))
            left -= step
        }
    }
}
