/**
 * Reads a workflow history saved with `temporal workflow show --output json`, for replay tests.
 *
 * The SDK's own reader (`historyFromJSON` in @temporalio/common) cannot be used with this install:
 * npm nests a protobufjs 8 under @temporalio/common and another under @temporalio/proto (the top
 * level holds the protobufjs 7 of @grpc/proto-loader), and common's ProtoJSON parser rejects the
 * History type built by proto's copy ("type must be a Type"). The parser of proto's own copy reads
 * the same ProtoJSON into a History the replay worker accepts.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import proto from '@temporalio/proto';
import { patchProtobufRoot } from '@temporalio/proto/lib/patch-protobuf-root';

type History = proto.temporal.api.history.v1.IHistory;

interface ProtoJson {
  fromJson(type: unknown, json: unknown, options: { ignoreUnknownFields: boolean }): History | null;
}

const protoRequire = createRequire(require.resolve('@temporalio/proto'));
const protoJson = protoRequire('protobufjs/ext/protojson') as ProtoJson;
const historyType = (patchProtobufRoot(proto) as unknown as { lookupType(name: string): unknown }).lookupType('temporal.api.history.v1.History');

export function readHistoryFile(file: string): History {
  const history = protoJson.fromJson(historyType, JSON.parse(fs.readFileSync(file, 'utf8')), { ignoreUnknownFields: true });
  if (history === null) throw new TypeError(`${file}: not a workflow history`);
  return history;
}
