namespace FleetSim.Routing.Requests;

/// <summary>
/// A request-level rule that treats traffic classes differently (priorities, <see cref="ClassPriorities"/>): every
/// request must arrive with its class, and the rule keeps each class's tokens, so per-class spill can be read off.
/// </summary>
public abstract class ClassAdmission : RequestAdmission
{
    /// <param name="fleet">The run's fleet.</param>
    /// <param name="classes">How many classes requests may name (indices 0 … classes − 1, the scenario's order).</param>
    protected ClassAdmission(RequestFleet fleet, int classes)
        : base(fleet)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        ArrivedTokens = new double[classes];
        SelfHostedTokens = new double[classes];
    }

    /// <summary>Processed tokens that arrived, by class.</summary>
    public double[] ArrivedTokens { get; }

    /// <summary>Processed tokens the fleet took (started, or will start, on a replica), by class; the rest went to the API, were dropped or left unfinished.</summary>
    public double[] SelfHostedTokens { get; }

    /// <summary>Refused: a rule that ranks classes needs each request's class.</summary>
    /// <exception cref="InvalidOperationException">Always.</exception>
    public sealed override void Arrive(double now, double tokens) =>
        throw new InvalidOperationException($"{GetType().Name} ranks traffic classes: call Arrive(now, tokens, trafficClass)");

    /// <inheritdoc/>
    public sealed override void Arrive(double now, double tokens, int trafficClass)
    {
        ArrivedTokens[trafficClass] += tokens;
        Ledger.Arrived(tokens);
        Admit(now, tokens, trafficClass);
    }

    /// <summary>Decides the fate of a request the ledger has counted as arrived.</summary>
    protected abstract void Admit(double now, double tokens, int trafficClass);
}
