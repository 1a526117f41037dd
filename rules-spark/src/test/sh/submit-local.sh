#!/usr/bin/env bash
# spark-submit without a Spark install: runs DecideJob from the fat jar through
# org.apache.spark.deploy.SparkSubmit (what bin/spark-submit runs) on the class path of a stock
# Spark 3.5 distribution (Spark's own Jackson 2.15, antlr4 4.9.3, log4j 2.20), in local mode.
#
#   rules-spark/src/test/sh/submit-local.sh requests.jsonl out/
#
# Needs: mvn -q -B package in rules-spark (the -all jar). See docs/spark.md.
set -euo pipefail
module=$(cd "$(dirname "$0")/../../.." && pwd)
cp="$module/target/spark-classpath.txt"
if [ ! -s "$cp" ]; then
  mvn -q -B -f "$module/src/test/spark-dist/pom.xml" dependency:build-classpath \
    -Dmdep.outputFile="$cp"
fi
opens=$(sed -n 's:.*<spark.java17.opens>\(.*\)</spark.java17.opens>.*:\1:p' "$module/pom.xml")
# shellcheck disable=SC2086
exec java $opens -cp "$(cat "$cp")" org.apache.spark.deploy.SparkSubmit \
  --master 'local[2]' \
  --class dev.creditrules.spark.examples.DecideJob \
  "$module/target/rules-spark-0.1.0-SNAPSHOT-all.jar" "$@"
