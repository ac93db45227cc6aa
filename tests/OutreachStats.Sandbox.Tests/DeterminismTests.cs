using System.Text.RegularExpressions;
using OutreachStats.Sandbox.Data;
using Xunit;
using OutreachStats.Testing;

namespace OutreachStats.Sandbox.Tests;

/// <summary>Same seed, same campaigns and numbers, on every run and machine; another seed, other data.</summary>
public sealed class DeterminismTests
{
    private const ulong GoldenFirst = 112709646616616795UL;
    private const ulong GoldenSecond = 2977968276123289658UL;

    [Fact]
    public void The_generator_gives_fixed_values_for_a_seed()
    {
        // Golden values, also computed outside .NET: SplitMix64 is fixed by its algorithm, so these hold on every machine.
        var rng = Prng.For(42, 1);
        Assert.Equal(GoldenFirst, rng.NextUInt64());
        Assert.Equal(GoldenSecond, rng.NextUInt64());
        Assert.NotEqual(GoldenFirst, Prng.For(43, 1).NextUInt64());
        Assert.NotEqual(GoldenFirst, Prng.For(42, 2).NextUInt64());
    }

    [Fact]
    public async Task The_campaign_IDs_of_seed_42_are_the_same_on_every_machine()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Seed = 42 });

        Assert.Equal("cam_FDYrsj596Mio9UTui", sandbox.Campaigns(SandboxProvider.Lemlist, 2, 1)[0].Id);
        Assert.Equal("3568666", sandbox.Campaigns(SandboxProvider.Smartlead, 2, 1)[0].Id);
        Assert.Equal("7d06f7cb-08b5-4dae-9c98-9e58d8a3f2b2", sandbox.Campaigns(SandboxProvider.Leadlex, 1, 1)[0].Id);
        Assert.Equal("camp_1th03d4d6vwp2dzrq606", sandbox.Campaigns(SandboxProvider.Leadterra, 1, 1)[0].Id);
    }

    [Fact]
    public async Task IDs_follow_each_providers_style_and_the_docs_examples_exist()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { CampaignsPerProvider = 500 });

        var lemlist = sandbox.Campaigns(SandboxProvider.Lemlist, 0, 1000).Select(c => c.Id).ToList();
        Assert.Equal(502, lemlist.Count);
        Assert.Equal(["cam_123", "cam_456"], lemlist.Take(2));
        Assert.All(lemlist.Skip(2), id => Assert.Matches("^cam_[A-Za-z0-9]{17}$", id));

        var smartlead = sandbox.Campaigns(SandboxProvider.Smartlead, 0, 1000).Select(c => c.Id).ToList();
        Assert.Equal(["123", "12345"], smartlead.Take(2));
        Assert.All(smartlead, id => Assert.Matches("^[0-9]+$", id));

        var leadlex = sandbox.Campaigns(SandboxProvider.Leadlex, 0, 1000).Select(c => c.Id).ToList();
        Assert.Equal("cmp_abc123", leadlex[0]);
        var uuid = new Regex("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
        Assert.All(leadlex, id => Assert.True(uuid.IsMatch(id) || Regex.IsMatch(id, "^cmp_[a-z0-9]+$"), id));
        Assert.Contains(leadlex, uuid.IsMatch);
        Assert.True(leadlex.Count(id => id.StartsWith("cmp_", StringComparison.Ordinal)) > 10, "Some generated Leadlex IDs take the cmp_ form.");

        var leadterra = sandbox.Campaigns(SandboxProvider.Leadterra, 0, 1000).Select(c => c.Id).ToList();
        Assert.Equal("camp_123", leadterra[0]);
        Assert.All(leadterra, id => Assert.Matches("^camp_[a-z0-9]+$", id));
        Assert.All(new[] { lemlist, smartlead, leadlex, leadterra }, ids => Assert.Equal(ids.Count, ids.Distinct().Count()));
    }

    [Fact]
    public async Task Two_sandboxes_with_one_seed_answer_byte_for_byte_alike_and_another_seed_differs()
    {
        await using var first = await SandboxServer.StartAsync(SandboxFixture.Unlimited with { Seed = 7 });
        await using var second = await SandboxServer.StartAsync(SandboxFixture.Unlimited with { Seed = 7 });
        await using var other = await SandboxServer.StartAsync(SandboxFixture.Unlimited with { Seed = 8 });

        var bodies = await AllProvidersAsync(first);
        Assert.Equal(bodies, await AllProvidersAsync(second));
        // The same IDs under another seed: the docs' examples exist in both, with other numbers.
        var otherBodies = await AllProvidersAsync(other);
        Assert.Equal(bodies.Count, otherBodies.Count);
        Assert.All(bodies.Zip(otherBodies), pair => Assert.NotEqual(pair.First, pair.Second));
        Assert.NotEqual(first.Campaigns(SandboxProvider.Lemlist, 2, 5).Select(c => c.Id), other.Campaigns(SandboxProvider.Lemlist, 2, 5).Select(c => c.Id));
    }

    /// <summary>The bodies of the docs' example campaigns, which exist under every seed.</summary>
    private static async Task<List<string>> AllProvidersAsync(SandboxServer sandbox)
    {
        using var client = new SandboxClient(sandbox);
        var bodies = new List<string>
        {
            await (await client.LemlistStatsAsync("cam_123")).Content.ReadAsStringAsync(),
            await (await client.LemlistBatchAsync(["cam_123", "cam_456"])).Content.ReadAsStringAsync(),
            await (await client.SmartleadAsync("123", "limit=50")).Content.ReadAsStringAsync(),
            await (await client.SmartleadAsync("12345", "limit=50")).Content.ReadAsStringAsync(),
            await (await client.LeadlexAsync("cmp_abc123")).Content.ReadAsStringAsync(),
            await (await client.LeadterraAsync("camp_123")).Content.ReadAsStringAsync(),
        };
        Assert.DoesNotContain(bodies, b => b.Contains("not found", StringComparison.OrdinalIgnoreCase));
        return bodies;
    }
}
