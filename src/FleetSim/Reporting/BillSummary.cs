using FleetSim.Economics;
using FleetSim.Engine;

namespace FleetSim.Reporting;

/// <summary>The bill as flat numbers, for JSON and machines (snake_case when serialized).</summary>
public sealed record BillSummary(
    string Scenario,
    string Router,
    double HorizonHours,
    int Replicas,
    int Nodes,
    int Gpus,
    int Slots,
    double CapacityTokensPerSecond,
    double AllApiUsd,
    double SelfHostUsd,
    double SpillUsd,
    double TotalUsd,
    double SavingsUsd,
    double SavingsFraction,
    double DemandTokens,
    double SelfHostTokens,
    double SpillTokens,
    double SpillShare,
    double Utilization,
    double TroughUtilization,
    double BreakEvenUtilization,
    double SavingsCeilingFraction,
    double ApiUsdPerMillionTokens,
    double SelfHostUsdPerMillionTokensAtFullUse,
    double FluidTotalUsd,
    double FluidSavingsFraction,
    IReadOnlyList<string> Warnings)
{
    public static BillSummary Of(ScenarioRun run)
    {
        Bill b = run.Bill;
        return new BillSummary(
            b.Scenario,
            b.Router.ToString().ToLowerInvariant(),
            b.Horizon.Value,
            b.Fleet.Replicas,
            b.Fleet.Nodes,
            b.Fleet.BilledGpus,
            b.Fleet.Slots,
            b.Fleet.Capacity.Value,
            b.AllApi.Value,
            b.SelfHost.Value,
            b.Spill.Value,
            b.Total.Value,
            b.Savings.Value,
            b.SavingsFraction,
            b.Demand.Value,
            b.SelfHosted.Value,
            b.Spilled.Value,
            b.SpillShare,
            b.Utilization,
            b.TroughUtilization,
            b.BreakEvenUtilization,
            b.SavingsCeilingFraction,
            b.ApiPrice.Value,
            b.SelfHostPriceAtFullUse.Value,
            run.FluidBill.Total.Value,
            run.FluidBill.SavingsFraction,
            [.. run.Warnings]);
    }
}
