using FleetSim.Engine.Requests;
using FleetSim.Routing.Requests;

namespace FleetSim.Tests.Engine.Requests;

/// <summary>
/// The request engine's deferrable backlog, fed by hand: slots at 1 s per token (so a request of P tokens runs P
/// seconds on one slot), interactive slot intervals given directly, every token counted by hand.
/// </summary>
public class DeferrableBacklogTests
{
    private const double SecondPerToken = 1;

    [Test]
    public void AnInteractiveRequestTakesTheSlotAndTheDeferredOneResumesWithItsRemainingWork()
    {
        // One slot. 100 tokens deferrable within 1,000 s arrive at 0; an interactive request holds the slot 10–40 s.
        // Deferred: runs 0–10 (10 tokens), yields, resumes at 40 and finishes its 90 tokens at 130.
        var b = new DeferrableBacklog([1000], slots: 1, SecondPerToken);
        b.Arrive(0, 0, 100);
        b.Held(10, 40);
        b.AdvanceTo(20);
        Assert.That(b.Running, Is.EqualTo(0), "the interactive request has the one slot");
        b.AdvanceTo(129);
        Assert.That((b.Running, b.Served[0]), Is.EqualTo((1, 10.0)), "still running at 129 s; the 10 done before the preemption counted (tokens count when a request stops)");
        b.AdvanceTo(131);
        Assert.That(b.Running, Is.Zero, "finished by 131 s");
        b.Finish(200);
        Assert.Multiple(() =>
        {
            Assert.That(b.Served[0], Is.EqualTo(100).Within(1e-9));
            Assert.That(b.BatchAtDeadline[0] + b.BatchAtHorizonEnd[0], Is.Zero);
            Assert.That(b.Preemptions, Is.EqualTo(1));
            Assert.That(b.Expired, Is.Zero);
            Assert.That(b.LateTokens, Is.Zero);
        });
    }

    [Test]
    public void WhatIsHeldAtTheDeadlineGoesToTheBatchTier()
    {
        // One slot, 100 tokens within 50 s, interactive 10–40: served 0–10 and 40–50 = 20 tokens; 80 to the batch tier at 50 s.
        var b = new DeferrableBacklog([50], slots: 1, SecondPerToken);
        b.Arrive(0, 0, 100);
        b.Held(10, 40);
        b.Finish(1000);
        Assert.Multiple(() =>
        {
            Assert.That(b.Served[0], Is.EqualTo(20).Within(1e-9));
            Assert.That(b.BatchAtDeadline[0], Is.EqualTo(80).Within(1e-9));
            Assert.That(b.BatchAtHorizonEnd[0], Is.Zero);
            Assert.That(b.Expired, Is.EqualTo(1));
            Assert.That(b.LateTokens, Is.Zero, "stopped at its deadline, never served past it");
        });
    }

    [Test]
    public void AnEarlierDeadlineTakesTheSlotFromALaterOne()
    {
        // One slot; class 0 within 1,000 s, class 1 within 100 s. 50 tokens of class 0 at 0; 30 of class 1 at 10.
        // Class 0 runs 0–10 (10), class 1 takes the slot 10–40 (30), class 0 resumes 40–80 (its 40 left).
        var b = new DeferrableBacklog([1000, 100], slots: 1, SecondPerToken);
        b.Arrive(0, 0, 50);
        b.Arrive(10, 1, 30);
        b.AdvanceTo(39);
        Assert.That(b.Served[0], Is.EqualTo(10).Within(1e-9), "class 0 stopped at 10 s");
        b.AdvanceTo(79);
        Assert.That(b.Served[1], Is.EqualTo(30).Within(1e-9), "class 1 finished at 40 s");
        b.Finish(1000);
        Assert.Multiple(() =>
        {
            Assert.That(b.Served[0], Is.EqualTo(50).Within(1e-9));
            Assert.That(b.Served[1], Is.EqualTo(30).Within(1e-9));
            Assert.That(b.Preemptions, Is.EqualTo(1));
        });
    }

    [Test]
    public void TheHorizonsEndSendsWhatIsStillHeldToTheBatchTier()
    {
        // Two slots, no interactive traffic; three requests of 100 tokens at 0 within a day, horizon 60 s:
        // two run 0–60 (120 tokens), the third waits; 180 tokens are held at the end: 40 + 40 + 100.
        var b = new DeferrableBacklog([86_400], slots: 2, SecondPerToken);
        b.Arrive(0, 0, 100);
        b.Arrive(0, 0, 100);
        b.Arrive(0, 0, 100);
        b.Finish(60);
        Assert.Multiple(() =>
        {
            Assert.That(b.Served[0], Is.EqualTo(120).Within(1e-9));
            Assert.That(b.BatchAtHorizonEnd[0], Is.EqualTo(180).Within(1e-9));
            Assert.That(b.BatchAtDeadline[0], Is.Zero);
            Assert.That(b.Demand[0], Is.EqualTo(300));
            Assert.That(b.Requests[0], Is.EqualTo(3));
        });
    }

    [Test]
    public void TheRequestWithTheLatestDeadlineYieldsAndSlotsHandedOverPreemptNothing()
    {
        // Two slots, one class within 1,000 s: A (100 tokens) at 0, B (100) at 5. Interactive: one request 20–50,
        // a second 50–70 on the slot the first frees (a hand-over at 50 s), so one slot is free of interactive work 20–70.
        // B (the later deadline) yields at 20 having done 15; A runs on. A finishes at 100; B resumes at 70 (not at 50:
        // the hand-over keeps the slot busy) with 85 left and finishes at 155.
        var b = new DeferrableBacklog([1000], slots: 2, SecondPerToken);
        b.Arrive(0, 0, 100);
        b.Arrive(5, 0, 100);
        b.Held(20, 50);
        b.AdvanceTo(49);
        b.Held(50, 70);
        b.AdvanceTo(69);
        Assert.That((b.Running, b.Served[0]), Is.EqualTo((1, 15.0)), "B waits through the hand-over; its 15 tokens before 20 s counted");
        b.AdvanceTo(101);
        Assert.That((b.Running, b.Served[0]), Is.EqualTo((1, 115.0)), "A finished at 100 s");
        b.AdvanceTo(154);
        Assert.That(b.Running, Is.EqualTo(1), "B still running at 154 s");
        b.AdvanceTo(156);
        Assert.That(b.Running, Is.Zero, "B finished at 155 s");
        b.Finish(1000);
        Assert.Multiple(() =>
        {
            Assert.That(b.Served[0], Is.EqualTo(200).Within(1e-9));
            Assert.That(b.Preemptions, Is.EqualTo(1), "only at 20 s: the hand-over at 50 s frees before it takes");
        });
    }

    [Test]
    public void DeferredSlotTimeIsRecordedForTheUtilization()
    {
        // One slot, one minute: 30 tokens at 0 run 0–30 s: a mean of 0.5 slots in use in minute 0.
        var inFlight = new InFlightRecorder(1);
        var b = new DeferrableBacklog([3600], slots: 1, SecondPerToken, inFlight);
        b.Arrive(0, 0, 30);
        b.Finish(60);
        Assert.That(inFlight.MeanPerMinute()[0], Is.EqualTo(0.5).Within(1e-12));
    }

    [Test]
    public void WithNoSlotEveryTokenGoesToTheBatchTier()
    {
        var b = new DeferrableBacklog([100], slots: 0, SecondPerToken);
        b.Arrive(0, 0, 40);
        b.Arrive(150, 0, 60);
        b.Finish(200);
        Assert.Multiple(() =>
        {
            Assert.That(b.Served[0], Is.Zero);
            Assert.That(b.BatchAtDeadline[0], Is.EqualTo(40), "the first's deadline (100 s) came");
            Assert.That(b.BatchAtHorizonEnd[0], Is.EqualTo(60), "the second's (250 s) had not");
        });
    }
}
