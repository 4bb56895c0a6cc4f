using System.Globalization;
using System.Reflection;
using System.Text;
using Reqnroll.Bindings;
using SpaceTestBench.Bench;
using SpaceTestBench.Bench.Definitions;
using SpaceTestBench.Steps.Bindings;
using SpaceTestBench.Steps.Catalog;
using SpaceTestBench.Steps.Parameters;
using SpaceTestBench.Steps.Validation;
using SpaceTestBench.Testing;

namespace SpaceTestBench.Steps.Tests.Catalog;

/// <summary>The step catalog is complete and its examples are true: what docs/steps.md shows can be written in a feature file.</summary>
public sealed class StepCatalogTests
{
    private static readonly StepCatalog Catalog = StepCatalog.Build();

    [Test]
    public void The_step_assemblys_documentation_is_found_so_every_step_has_its_description()
    {
        Assert.That(Catalog.MissingDocumentation, Is.Empty);
        var undescribed = Catalog.Steps.Where(s => s.Description.Length == 0).Select(s => $"{s.MethodName}: {s.Expression}").ToList();
        Assert.That(undescribed, Is.Empty, "steps without a <summary> (the catalog's description of them)");
        Assert.That(Catalog.Areas.Where(a => a.Description.Length == 0).Select(a => a.Binding.Name), Is.Empty, "binding classes without a <summary>");
    }

    [Test]
    public void Every_step_has_at_least_one_example()
    {
        var without = Catalog.Steps.Where(s => s.Examples.Count == 0).Select(s => $"{s.MethodName}: {s.Pattern}").ToList();

        Assert.That(without, Is.Empty, "add a [StepExample(\"Given …\")] to each");
    }

    [Test]
    public void Every_example_belongs_to_a_step_of_its_own_method()
    {
        Assert.That(Catalog.StrayExamples.Select(e => $"{e.Method.DeclaringType?.Name}.{e.Method.Name}: \"{e.Line}\""), Is.Empty,
            "each example must start with Given, When or Then and match one of its method's expressions for that keyword");
    }

    [Test]
    public async Task Every_example_line_validates_one_step_at_a_time_without_an_undefined_ambiguous_or_argument_problem()
    {
        // What `spacebench validate` does with a feature file of the examples (each with its example table): a dry run
        // that matches and converts every step. Which step each example binds to is ReqnrollRuntimeCatalogTests' check.
        var examples = Catalog.Steps.SelectMany(step => step.Examples.Select(line => (Step: step, Line: line))).ToList();
        var feature = new StringBuilder("Feature: Every example of the step catalog\n");
        var lines = 1;
        var methodAt = new Dictionary<int, string>();
        for (var i = 0; i < examples.Count; i++)
        {
            feature.Append(CultureInfo.InvariantCulture, $"\n  Scenario: {i}\n    {examples[i].Line}\n");
            lines += 3;
            methodAt[lines] = examples[i].Step.MethodName;
            foreach (var row in examples[i].Step.ExampleTable)
            {
                feature.Append(CultureInfo.InvariantCulture, $"      {row}\n");
                lines++;
            }
        }

        var folder = TestRepository.ScratchFolder("catalog-examples");
        var file = Path.Combine(folder, "examples.feature");
        await File.WriteAllTextAsync(file, feature.ToString());
        var bench = BenchDefinitionLoader.Load(TestRepository.Path("benches/simulated.bench.json"));

        var report = await new FeatureValidator(Catalog, bench).ValidateAsync([file], folder);

        Assert.That(report.Scenarios, Is.EqualTo(examples.Count));
        Assert.That(report.Steps, Is.EqualTo(examples.Count));

        // Roles are the bench's business, not the example's: a step may need an instrument the simulated bench lacks.
        var problems = report.Problems.Where(p => p.Kind != ValidationProblemKind.Role)
            .Select(p => $"\"{p.Step}\" ({methodAt.GetValueOrDefault(p.Line, "?")}): {p.Title}: {p.Message}");
        Assert.That(problems, Is.Empty);
    }

    [Test]
    public void Every_role_a_step_requires_is_a_role_of_the_bench_vocabulary_and_any_capability_extends_the_roles()
    {
        var declared = typeof(DutSupplySteps).Assembly.GetTypes()
            .SelectMany(t => new MemberInfo[] { t }.Concat(t.GetMethods()))
            .SelectMany(m => m.GetCustomAttributes<RequiresRoleAttribute>(inherit: false).Select(a => (Where: $"{m.DeclaringType?.Name ?? m.Name}.{m.Name}", Attribute: a)))
            .ToList();
        Assert.That(declared, Is.Not.Empty);

        foreach (var (where, attribute) in declared)
        {
            Assert.That(BenchRoles.TryGet(attribute.Role, out var kind), Is.True, $"{where}: '{attribute.Role}' is not a role; roles: {string.Join(", ", BenchRoles.All.Select(r => r.Name))}");
            if (attribute.Capability is { } capability)
            {
                Assert.That(kind.Capability.IsAssignableFrom(capability), Is.True, $"{where}: {capability.Name} is not a kind of {kind.Capability.Name}, the {kind.Name} role's capability");
            }
        }
    }

    [Test]
    public void Reqnrolls_binding_discovery_holds_every_binding_valid_so_every_parameter_type_a_binding_names_is_defined()
    {
        Assert.That(Catalog.BindingErrors, Is.Empty);
    }

    [Test]
    public void Every_parameter_a_step_documents_is_of_the_type_its_method_takes_there()
    {
        // Reqnroll picks a transformation by the method parameter's type: {voltage} must reach a Voltage parameter (the type
        // its transformation returns), {int} an int, {string} and {word} a string, never a bare Quantity shared by all kinds.
        var mismatched = new List<string>();
        var quantityKinds = 0;
        foreach (var step in Catalog.Steps)
        {
            var parameters = step.Method.GetParameters();
            if (parameters.Length < step.Parameters.Count)
            {
                mismatched.Add($"{step.MethodName}: \"{step.Expression}\" has {step.Parameters.Count} parameters, the method {parameters.Length}");
                continue;
            }

            for (var i = 0; i < step.Parameters.Count; i++)
            {
                var documented = step.Parameters[i];
                quantityKinds += documented.Kind is not null ? 1 : 0;
                if (documented.Transformation is { } transformation && transformation.ReturnType != documented.Type)
                {
                    mismatched.Add($"{step.MethodName}: {documented.Placeholder} is documented as a {documented.Type.Name}, its transformation returns a {transformation.ReturnType.Name}");
                }

                if (documented.Type != typeof(object) && parameters[i].ParameterType != documented.Type)
                {
                    mismatched.Add($"{step.MethodName}: {documented.Placeholder} is a {documented.Type.Name}, the parameter '{parameters[i].Name}' a {parameters[i].ParameterType.Name}");
                }
            }
        }

        Assert.That(mismatched, Is.Empty);
        Assert.That(quantityKinds, Is.GreaterThan(50), "the quantity kinds are their own types");
        Assert.That(Catalog.ParameterTypes.Where(p => p.Kind is not null).Select(p => p.Type).Distinct().Count(), Is.EqualTo(Catalog.ParameterTypes.Count(p => p.Kind is not null)),
            "no two quantity kinds share a type");
        Assert.That(Catalog.ParameterTypes.Single(p => p.Name == "int").Type, Is.EqualTo(typeof(int)));
        Assert.That(Catalog.ParameterTypes.Single(p => p.Name == "string").Type, Is.EqualTo(typeof(string)));
    }

    [Test]
    public void Every_parameter_type_a_step_uses_is_described_with_an_example_and_quantities_with_their_units()
    {
        var used = Catalog.Steps.SelectMany(s => s.Parameters).Select(p => p.Name).Distinct().Order().ToList();
        Assert.That(Catalog.ParameterTypes.Select(p => p.Name).Order(), Is.EqualTo(used));

        foreach (var parameter in Catalog.ParameterTypes)
        {
            Assert.That(parameter.Description, Is.Not.Empty, parameter.Placeholder);
            Assert.That(parameter.Example, Is.Not.Empty, parameter.Placeholder);
            if (parameter.Kind is { } kind)
            {
                Assert.That(parameter.Accepts, Is.EqualTo(kind.Units), parameter.Placeholder);
            }
        }

        Assert.That(Catalog.ParameterTypes.Single(p => p.Name == "fading").Accepts, Is.EqualTo("log-normal, gamma-gamma"), "words of a fixed set are listed");
    }

    [Test]
    public void A_vacuum_step_needs_the_thermal_chamber_as_a_thermal_vacuum_chamber_and_a_class_role_applies_to_every_step()
    {
        var pumpDowns = Catalog.Steps.Where(s => s.Expression.StartsWith("the thermal chamber is pumped down", StringComparison.Ordinal)).ToList();
        var hold = Catalog.Steps.Single(s => s.Expression == "the thermal chamber holds the DUT at {temperature}");
        var freshSample = Catalog.Steps.Single(s => s.Expression == "a fresh sample of the DUT is mounted");

        Assert.That(pumpDowns, Has.Count.EqualTo(2), "the pump-down step and its sourced variant");
        Assert.That(pumpDowns.Select(p => p.Roles), Has.All.EqualTo(new[] { new RoleRequirement(BenchRoles.ThermalChamber, typeof(Instruments.Roles.IThermalVacuumChamber), false) }),
            "the class's plain role and the method's capability are one requirement");
        Assert.That(hold.Roles, Is.EqualTo(new[] { new RoleRequirement(BenchRoles.ThermalChamber, null, false) }));
        Assert.That(freshSample.Roles, Does.Contain(new RoleRequirement(BenchRoles.ThermalChamber, null, true)).And.Contain(new RoleRequirement(BenchRoles.Dut, null, false)));
    }

    [Test]
    public void A_step_bound_to_two_keywords_is_one_step_and_a_typed_table_shows_its_columns()
    {
        var setVoltage = Catalog.Steps.Single(s => s.Expression == "the DUT supply is set to {voltage}");
        var table = Catalog.Steps.Single(s => s.Table is not null);

        Assert.That(setVoltage.Keywords, Is.EqualTo(new[] { StepDefinitionType.Given, StepDefinitionType.When }));
        Assert.That(setVoltage.Parameters.Select(p => p.Kind), Is.EqualTo(new[] { QuantityKinds.Named("voltage") }));
        Assert.That(table.Block, Is.EqualTo(StepArgumentBlock.DataTable));
        Assert.That(table.ExampleTable, Is.EqualTo(new[] { "| LET           | tilt |", "| 37 MeV·cm²/mg | 60°  |" }));
    }

    [Test]
    public void The_nearest_step_to_a_misspelt_one_is_found_and_nothing_is_offered_for_unrelated_text()
    {
        var nearest = Catalog.Nearest("the DUT suply is set to 1.8 V");

        Assert.That(nearest?.Step.Expression, Is.EqualTo("the DUT supply is set to {voltage}"));
        Assert.That(nearest?.Distance, Is.EqualTo(1));
        Assert.That(Catalog.Nearest("the moon is made of green cheese"), Is.Null);
    }
}
