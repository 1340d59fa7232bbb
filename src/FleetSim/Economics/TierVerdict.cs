using FleetSim.Scenario;
using FleetSim.Units;

namespace FleetSim.Economics;

/// <summary>The three ways to serve one tier's traffic that the tiers verdict chooses between.</summary>
public enum TierOption
{
    /// <summary>Send every token to the paid API: nothing saved, nothing spent on a team.</summary>
    Api,

    /// <summary>Dedicated endpoints at a managed inference provider, who carries the ops: no team.</summary>
    Managed,

    /// <summary>Rent bare GPUs and run them with your own engineers.</summary>
    BareGpus,
}

/// <summary>
/// One tiers row's money, as the row prints it, $ per year against all-API.
/// </summary>
/// <param name="MonthlySpend">The tier: what all-API costs per month.</param>
/// <param name="ManagedAnnualLow">Managed endpoints' yearly savings at the top of the managed $/GPU-hour range.</param>
/// <param name="ManagedAnnualHigh">Managed endpoints' yearly savings at the bottom of the managed $/GPU-hour range.</param>
/// <param name="Engineers">The team that bare GPUs need.</param>
/// <param name="BareNetAnnualLow">Bare GPUs' yearly savings at the top of the bare range, less the team at the top salary.</param>
/// <param name="BareNetAnnualHigh">Bare GPUs' yearly savings at the bottom of the bare range, less the team at the bottom salary.</param>
public sealed record TierAlternatives(
    double MonthlySpend,
    double ManagedAnnualLow,
    double ManagedAnnualHigh,
    int Engineers,
    double BareNetAnnualLow,
    double BareNetAnnualHigh)
{
    /// <summary>The midpoint of the managed range, the figure the verdict compares.</summary>
    public double ManagedMid => (ManagedAnnualLow + ManagedAnnualHigh) / 2;

    /// <summary>The midpoint of the bare-GPU net range, the figure the verdict compares.</summary>
    public double BareMid => (BareNetAnnualLow + BareNetAnnualHigh) / 2;
}

/// <summary>
/// The tiers verdict: the cheapest of all-API (net $0), managed endpoints and bare GPUs with their
/// team, compared on the midpoint of each range, with the headcount rule as context.
/// </summary>
/// <param name="Option">The winner.</param>
/// <param name="NetAnnualLow">The winner's net yearly figure, low end ($0 for the API).</param>
/// <param name="NetAnnualHigh">The winner's net yearly figure, high end ($0 for the API).</param>
/// <param name="Label">The verdict as the table prints it.</param>
/// <param name="Why">The numbers that decided it.</param>
public sealed record TierVerdict(TierOption Option, double NetAnnualLow, double NetAnnualHigh, string Label, string Why)
{
    /// <summary>Bare-GPU savings before salaries above this many times the team's top cost: grow the team.</summary>
    public const double GrowTheTeamMultiple = 4;

    /// <summary>The winner's short name, as the row's "cheaper" field has it: "API", "managed" or "bare GPUs".</summary>
    public string OptionName => Name(Option);

    /// <summary>"API", "managed" or "bare GPUs".</summary>
    public static string Name(TierOption option) => option switch
    {
        TierOption.Api => "API",
        TierOption.Managed => "managed",
        _ => "bare GPUs",
    };

    /// <summary>
    /// The option with the largest midpoint among the API ($0), managed and bare GPUs; a tie goes to
    /// the API, then to managed (no team to hire). Bare GPUs that lead the runner-up by less than the
    /// team's salary spread win only with GPU expertise already on the team.
    /// </summary>
    public static TierVerdict Of(TierAlternatives a, TeamSpec team)
    {
        double managed = a.ManagedMid, bare = a.BareMid;
        TierOption option = Math.Max(managed, bare) <= 0 ? TierOption.Api : managed >= bare ? TierOption.Managed : TierOption.BareGpus;
        string people = $"{a.Engineers} engineer{(a.Engineers == 1 ? "" : "s")} at {S(team.SalaryLow)}–{S(team.SalaryHigh)}";
        string midpoints = $"midpoints: API $0, managed {S(managed)}, bare GPUs {S(bare)} after {people}";
        string rule = $"the seed's headcount rule at {S(a.MonthlySpend * 12)}/yr of API spend: {SeedHeadcountRule(a.MonthlySpend * 12)}";
        switch (option)
        {
            case TierOption.Api:
                return new TierVerdict(option, 0, 0, "stay on the API", $"nothing beats the API; {midpoints}; {rule}");
            case TierOption.Managed:
                return new TierVerdict(option, a.ManagedAnnualLow, a.ManagedAnnualHigh, "managed endpoints",
                    $"managed endpoints save {Range(a.ManagedAnnualLow, a.ManagedAnnualHigh)}/yr with no team; {midpoints}; {rule}");
        }
        (string label, string note) = BareGpus(a, team, lead: bare - Math.Max(0, managed), runnerUp: managed > 0 ? "managed" : "the API");
        return new TierVerdict(option, a.BareNetAnnualLow, a.BareNetAnnualHigh, label,
            $"bare GPUs net {Range(a.BareNetAnnualLow, a.BareNetAnnualHigh)}/yr after salaries; {midpoints}; {note}; {rule}");
    }

    /// <summary>
    /// The seed's rule of thumb by yearly API spend: under $500K don't; $0.5–1M only with GPU
    /// expertise already on the team; $1–2M hire; over $2M self-host and hire more.
    /// </summary>
    public static string SeedHeadcountRule(double annualApiSpend) => annualApiSpend switch
    {
        < 500e3 => "don't self-host",
        < 1e6 => "only with GPU expertise already on the team",
        <= 2e6 => "hire",
        _ => "self-host and hire more",
    };

    /// <summary>Bare GPUs won: how surely, by the headcount rule's terms.</summary>
    private static (string Label, string Note) BareGpus(TierAlternatives a, TeamSpec team, double lead, string runnerUp)
    {
        if (a.Engineers == 0)
        {
            return ("bare GPUs: self-host", "no engineers counted");
        }
        double spread = a.Engineers * (team.SalaryHigh - team.SalaryLow);
        string margin = $"they lead {runnerUp} by {S(lead)}";
        if (lead < spread)
        {
            return team.HasGpuExpertise
                ? ("bare GPUs with the GPU expertise you have", $"{margin}, less than the team's {S(spread)} salary spread: they pay with the engineers you have")
                : ("bare GPUs, only with existing GPU expertise", $"{margin}, less than the team's {S(spread)} salary spread: they pay only if the engineers are already on the team");
        }
        double gross = a.BareMid + a.Engineers * (team.SalaryLow + team.SalaryHigh) / 2;
        return gross >= GrowTheTeamMultiple * a.Engineers * team.SalaryHigh
            ? ("bare GPUs: self-host and grow the team",
               $"{margin}; savings before salaries ({S(gross)}) are over {GrowTheTeamMultiple:0}× the team's top cost, so more engineers can chase the next points")
            : ("bare GPUs: hire and self-host", $"{margin}, more than the team's {S(spread)} salary spread");
    }

    private static string S(double usd) => new Usd(usd).ToShortString();

    private static string Range(double low, double high) => $"{S(low)} to {S(high)}";
}
