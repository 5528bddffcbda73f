using Bogus;

namespace DuckMart.Generator;

/// <summary>
/// Makes realistic users: Bogus for names and US states (what it is good at), a seeded
/// <see cref="Random"/> for the shares, so the output depends on the seed alone.
/// </summary>
internal sealed class UserFactory(int seed, DateTime now)
{
    private static readonly (string Value, double Weight)[] Genders =
        [("Female", 0.48), ("Male", 0.47), ("Non-binary", 0.02), ("Genderfluid", 0.01), ("", 0.02)];

    private static readonly (string Value, double Weight)[] Plans =
        [("Free", 0.55), ("Basic", 0.25), ("Premium", 0.15), ("Enterprise", 0.05)];

    private static readonly (string Value, double Weight)[] Devices =
        [("Android", 0.44), ("iOS", 0.38), ("Web", 0.15), ("Tablet", 0.03)];

    private readonly Faker _faker = new("en") { Random = new Randomizer(seed) };
    private readonly Random _random = new(unchecked(seed * 31 + 7));
    private readonly DateOnly _today = DateOnly.FromDateTime(now);

    public GeneratedUser Create(long userId)
    {
        var gender = Pick(Genders);
        var name = gender switch
        {
            "Female" => _faker.Name.FullName(Bogus.DataSets.Name.Gender.Female),
            "Male" => _faker.Name.FullName(Bogus.DataSets.Name.Gender.Male),
            _ => _faker.Name.FullName(),
        };
        return new GeneratedUser(
            userId,
            name,
            _random.NextDouble() < 0.01 ? null : Age(),
            gender.Length == 0 ? null : gender,
            _faker.Address.State(),
            SignupDate(),
            Pick(Plans),
            Pick(Devices));
    }

    /// <summary>13..90, most between 20 and 45: a triangular bulk plus a uniform tail.</summary>
    private int Age()
    {
        if (_random.NextDouble() < 0.75)
        {
            return 20 + (int)((_random.NextDouble() + _random.NextDouble()) / 2 * 26);
        }

        return 13 + _random.Next(78);
    }

    /// <summary>Over the last four years, more recent signups more likely (a growing product).</summary>
    private DateOnly SignupDate()
    {
        var daysAgo = (int)(Math.Pow(_random.NextDouble(), 1.6) * 4 * 365);
        return _today.AddDays(-daysAgo - 1);
    }

    private string Pick((string Value, double Weight)[] choices)
    {
        var roll = _random.NextDouble();
        foreach (var (value, weight) in choices)
        {
            roll -= weight;
            if (roll < 0)
            {
                return value;
            }
        }

        return choices[^1].Value;
    }
}
