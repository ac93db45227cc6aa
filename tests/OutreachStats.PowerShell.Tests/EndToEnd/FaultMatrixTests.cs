using System.Collections;
using System.Globalization;
using System.Management.Automation;
using OutreachStats.PowerShell.Tests.Infrastructure;
using OutreachStats.Sandbox;
using Xunit;

namespace OutreachStats.PowerShell.Tests.EndToEnd;

/// <summary>
/// The fault matrix: each provider cmdlet × each fault the sandbox injects × transient or
/// persistent, one test case per cell. A transient fault must end in every campaign's right data,
/// once each, in input order, with no error; a persistent one in exactly one clear error per
/// failed campaign and the others' right data, once each. "Right data" is what a fault-free run
/// of the same command on the same connection returned just before. In every cell the key's text
/// is in no stream, error record or $Error, with -Verbose and -Debug on.
/// </summary>
public sealed class FaultMatrixTests : SandboxTestBase, IClassFixture<FaultMatrixReport>
{
    private readonly FaultMatrixReport _report;

    public FaultMatrixTests(FaultMatrixReport report) => _report = report;

    // Enough lemlist campaigns for two batches; no Smartlead limit in the sandbox, so the client's
    // own (raised) limit is all that paces it; Smartlead campaigns answer one page of per-step rows.
    protected override SandboxOptions Options => new()
    {
        Seed = 23,
        CampaignsPerProvider = 110,
        SmartleadShape = SmartleadShape.Aggregate,
        SmartleadRateLimit = null,
    };

    public static TheoryData<string, string, FaultMode> Cells => FaultMatrix.Cells();

    [Theory]
    [MemberData(nameof(Cells))]
    public void Cell(string cmdlet, string fault, FaultMode mode) =>
        _report.Record(cmdlet, fault, mode, () => Check(FaultMatrix.Cmdlet(cmdlet), FaultMatrix.Fault(fault), mode));

    private void Check(MatrixCmdlet cmdlet, MatrixFault fault, FaultMode mode)
    {
        var provider = cmdlet.Provider;
        var key = KeyOf(provider);
        var connect = RunLoud(
            $"Connect-OutreachProvider -Provider $provider -ApiKey $key -BaseUri $uri {FaultMatrix.ConnectSettings(provider)}",
            new() { ["provider"] = provider.ToString(), ["key"] = Secure(key), ["uri"] = Sandbox.BaseUri(provider) });
        connect.AssertNoErrors();

        var ids = Ids(provider, cmdlet.Campaigns);
        var variables = new Dictionary<string, object?> { ["ids"] = ids };
        var reference = RunLoud(cmdlet.Script, variables);
        reference.AssertNoErrors();
        var referenceRows = Rows(reference);
        Assert.Equal(ids, referenceRows.Select(r => r.CampaignId).Distinct());

        Sandbox.Counters.Reset();
        var rule = fault.Rule(provider) with
        {
            CampaignIds = [ids[cmdlet.FaultedIndex]],
            Count = mode == FaultMode.Transient ? 1 : null,
        };
        Sandbox.Faults.Add(rule);
        PsResult faulted;
        try
        {
            faulted = RunLoud(cmdlet.Script, variables);
        }
        finally
        {
            Sandbox.Faults.Clear();
        }

        Assert.Null(faulted.Terminating);
        var outcome = mode == FaultMode.Transient ? null : fault.Persistent(provider);
        if (outcome?.Kind is null)
        {
            faulted.AssertNoErrors();
            Assert.Equal(referenceRows, Rows(faulted));
            // The fault was met once: transient by its count, or read through when persistent.
            Assert.Equal(1, Sandbox.Counters.Snapshot()[provider].FaultsInjected);
        }
        else
        {
            var failed = cmdlet.FailedByPersistentFault.Select(i => ids[i]).ToArray();
            Assert.Equal(referenceRows.Where(r => !failed.Contains(r.CampaignId)), Rows(faulted));
            Assert.Equal(failed, faulted.Errors.Select(e => e.TargetObject?.ToString()));
            Assert.All(faulted.Errors, error => CheckError(error, provider.ToString(), outcome));
            // Every attempt met the fault: it was retried as often as allowed, then reported.
            Assert.Equal(FaultMatrix.MaximumRetryCount + 1, Sandbox.Counters.Snapshot()[provider].FaultsInjected);
        }

        Assert.Empty(Leaks(key, [connect, reference, faulted], Session.ErrorVariable()));
    }

    private static void CheckError(ErrorRecord error, string provider, PersistentOutcome outcome)
    {
        Assert.Equal(provider + outcome.Kind, ErrorId(error));
        Assert.Equal(outcome.Category, error.CategoryInfo.Category);
        Assert.Equal("OutreachApiException", error.Exception.GetType().Name);
        // What PowerShell shows: the exception's message, then the advice the cmdlet adds.
        var message = error.ToString();
        Assert.StartsWith(error.Exception.Message, message, StringComparison.Ordinal);
        Assert.Contains(outcome.Happened, message, StringComparison.Ordinal);
        Assert.Contains(outcome.ToDo, message, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Runs with -Verbose and -Debug on, as every cell does, so that those streams are checked for the key too.</summary>
    private PsResult RunLoud(string script, Dictionary<string, object?> variables) =>
        Session.Run(script, variables, verbose: true, debug: true);

    /// <summary>Each output object as the campaign it belongs to and the full text of its values, in output order.</summary>
    private static List<(string CampaignId, string Values)> Rows(PsResult result) =>
        result.Output.Select(o => (Prop(o, "CampaignId")!.ToString()!, Canonical(o))).ToList();

    /// <summary>Every property, nested steps included, in one comparable text.</summary>
    private static string Canonical(object? value) => value switch
    {
        null => "null",
        PSObject { BaseObject: var inner } when inner is string or IConvertible or IFormattable => Canonical(inner),
        PSObject wrapped => "{" + string.Join(", ", wrapped.Properties.Select(p => p.Name + "=" + Canonical(p.Value))) + "}",
        string text => text,
        DateTime time => time.ToString("o", CultureInfo.InvariantCulture),
        IConvertible scalar => scalar.ToString(CultureInfo.InvariantCulture),
        IFormattable scalar => scalar.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(Canonical)) + "]",
        _ => Canonical(PSObject.AsPSObject(value)),
    };

    /// <summary>The texts that hold the key: of every stream, the host, and every error record with its exception and invocation.</summary>
    private static List<string> Leaks(string key, IEnumerable<PsResult> results, IEnumerable<ErrorRecord> errorVariable)
    {
        var texts = new List<string>();
        foreach (var result in results)
        {
            texts.AddRange(result.Output.Select(Canonical));
            texts.AddRange(result.Output.Select(o => o.ToString()));
            texts.AddRange(result.Verbose.Select(r => r.Message));
            texts.AddRange(result.Debug.Select(r => r.Message));
            texts.AddRange(result.Warning.Select(r => r.Message));
            texts.AddRange(result.Information.Select(r => r.MessageData?.ToString() ?? string.Empty));
            texts.Add(result.HostText);
            texts.AddRange(result.AllErrors.SelectMany(ErrorTexts));
        }
        texts.AddRange(errorVariable.SelectMany(ErrorTexts));
        return texts.Where(text => text.Contains(key, StringComparison.Ordinal)).ToList();
    }

    private static IEnumerable<string> ErrorTexts(ErrorRecord error)
    {
        yield return error.ToString();
        yield return error.FullyQualifiedErrorId;
        yield return error.CategoryInfo.ToString();
        yield return error.TargetObject?.ToString() ?? string.Empty;
        yield return error.ErrorDetails?.ToString() ?? string.Empty;
        yield return error.ScriptStackTrace ?? string.Empty;
        yield return error.Exception.ToString();
        for (var inner = error.Exception; inner is not null; inner = inner.InnerException)
        {
            yield return inner.Message;
            yield return string.Join(", ", inner.Data.Values.Cast<object?>());
        }
        if (error.InvocationInfo is { } invocation)
        {
            yield return invocation.Line ?? string.Empty;
            yield return invocation.PositionMessage ?? string.Empty;
            yield return invocation.MyCommand?.ToString() ?? string.Empty;
            yield return string.Join(", ", invocation.BoundParameters.Select(p => p.Key + "=" + Canonical(p.Value)));
        }
    }
}
