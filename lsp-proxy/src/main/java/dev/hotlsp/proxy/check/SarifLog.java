package dev.hotlsp.proxy.check;

import java.util.List;
import java.util.Map;

/**
 * The part of SARIF 2.1.0 that {@code hotlsp check --format sarif} writes, as typed values
 * (serialised by Gson: a null member is left out). Names follow the specification's properties.
 */
final class SarifLog {
  private SarifLog() {}

  static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

  record Log(String $schema, String version, List<Run> runs) {}

  record Run(Tool tool, String columnKind, Map<String, ArtifactLocation> originalUriBaseIds, List<Result> results) {}

  record Tool(Driver driver) {}

  record Driver(String name, String version, String semanticVersion, String informationUri, List<Rule> rules) {}

  record Rule(String id, String name, Text shortDescription, Text fullDescription, Markdown help, String helpUri,
      Configuration defaultConfiguration) {}

  record Configuration(String level) {}

  record Text(String text) {}

  record Markdown(String text, String markdown) {}

  record Result(String ruleId, int ruleIndex, String level, Text message, List<Location> locations,
      Map<String, String> partialFingerprints, List<Location> relatedLocations, List<CodeFlow> codeFlows) {}

  record Location(Integer id, PhysicalLocation physicalLocation, Text message) {}

  record PhysicalLocation(ArtifactLocation artifactLocation, Region region) {}

  record ArtifactLocation(String uri, String uriBaseId) {}

  record Region(int startLine, int startColumn, Integer endLine, Integer endColumn) {}

  record CodeFlow(Text message, List<ThreadFlow> threadFlows) {}

  record ThreadFlow(List<ThreadFlowLocation> locations) {}

  record ThreadFlowLocation(Location location, int nestingLevel) {}
}
