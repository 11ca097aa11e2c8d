import { Countdown } from "../breach/Countdown.js";
import { formatDateTime } from "../format.js";
import type { PortalIncidentView } from "../notices/api.js";

/**
 * Our two clocks side by side: the processor's deadline to notify us (our data processing
 * agreement) and our own 72 hours to notify our supervisory authority (Art. 33(1)), which run
 * from when the processor's first notice reached us.
 */
export function PortalDeadlines({ deadlines: d, reported }: { deadlines: PortalIncidentView["deadlines"]; reported: boolean }) {
  return (
    <section className="portal-deadlines" aria-labelledby="portal-deadlines-h">
      <h2 id="portal-deadlines-h">Deadlines</h2>
      <dl>
        <div>
          <dt>Your own deadline to notify your supervisory authority (72 hours, GDPR Art. 33(1))</dt>
          <dd>
            {d.controller
              ? <>
                  <Countdown dueAt={d.controller.dueAt} done={reported} />
                  <div className="hint">
                    From {formatDateTime(d.controller.awareAt)}, when the first notice was {d.controller.basis === "acknowledged" ? "acknowledged" : "delivered"} to you:
                    in principle you became aware of the breach then. Notify without undue delay if the breach is likely to result in a risk to people.
                  </div>
                </>
              : <span className="muted">Starts when the first notice reaches you.</span>}
          </dd>
        </div>
        {d.processor && (
          <div>
            <dt>The processor's deadline to notify you ({d.processor.hours} hours, your data processing agreement)</dt>
            <dd>
              <Countdown dueAt={d.processor.dueAt} done={d.processor.metAt !== null} />
              {d.processor.metAt && <div className="hint">Met: the first notice was sent {formatDateTime(d.processor.metAt)}.</div>}
            </dd>
          </div>
        )}
      </dl>
    </section>
  );
}
