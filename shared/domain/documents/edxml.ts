import { createHash } from 'node:crypto';
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import * as z from 'zod';
import { DomainError, type FieldIssue } from '../common/errors.ts';
import { fieldIssuesOf } from '../common/field-issues.ts';
import { type Signature, SignatureSchema } from '../signing/signed-document.ts';
import {
  BUSINESS_TYPES,
  type DOCUMENT_FILE_TYPES,
  type DocumentEnvelope,
  DocumentEnvelopeSchema,
  type Organ,
} from './document-schema.ts';

/**
 * An edXML-style message (QCVN 102:2016/BTTTT): the standard's header element names, the trace of
 * hops, then the platform's signature (RFC 8785 canonical JSON of the envelope, ECDSA P-256 by KMS)
 * and the attachments in base64. The national standard signs with XML-DSig; this signature is what
 * the platform can prove, and the attachments are bound to it by their SHA-256 digests.
 */
export const EDXML_NAMESPACE = 'http://www.mic.gov.vn/TBT/QCVN_102_2016';
export const MAX_EDXML_BYTES = 5 * 1024 * 1024;

/** edXML's deepest element sits six levels down; anything far deeper is an attack on the parser. */
export const MAX_EDXML_DEPTH = 32;

/**
 * Character and entity references decoded per message: room for a long text full of `&lt;` and
 * `&amp;`, while a message made of millions of them stops early instead of running out the clock.
 */
export const MAX_EDXML_ENTITY_REFERENCES = 50_000;

export interface EdxmlAttachment {
  name: string;
  contentType: (typeof DOCUMENT_FILE_TYPES)[number];
  bytes: Uint8Array;
}

export interface EdxmlMessage {
  envelope: DocumentEnvelope;
  signature: Signature;
  attachments: EdxmlAttachment[];
}

const organXml = (organ: Organ) => ({
  OrganId: organ.organId,
  OrganName: organ.organName,
  OrganAdd: organ.organAdd,
  Email: organ.email,
  Telephone: organ.telephone,
});

export function toEdxml(message: EdxmlMessage): string {
  const { envelope, signature } = message;
  const tree = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    edXMLEnvelope: {
      '@_xmlns': EDXML_NAMESPACE,
      edXMLHeader: {
        MessageHeader: {
          From: organXml(envelope.from),
          To: envelope.to.map(organXml),
          DocumentId: envelope.documentId,
          Code: { CodeNumber: envelope.code.codeNumber, CodeNotation: envelope.code.codeNotation },
          PromulgationInfo: {
            Place: envelope.promulgationInfo.place,
            PromulgationDate: envelope.promulgationInfo.promulgationDate,
          },
          DocumentType: { Type: envelope.documentType.type, TypeName: envelope.documentType.typeName },
          Subject: envelope.subject,
          Content: envelope.content,
          SteeringType: envelope.steeringType,
          DueDate: envelope.dueDate,
          SignerInfo: {
            Competence: envelope.signerInfo.competence,
            Position: envelope.signerInfo.position,
            FullName: envelope.signerInfo.fullName,
          },
          OtherInfo: {
            Priority: envelope.priority,
            SphereOfPromulgation: envelope.sphereOfPromulgation,
            PageAmount: envelope.pageAmount,
          },
          ResponseFor: envelope.responseFor,
          BusinessDocType: BUSINESS_TYPES.indexOf(envelope.businessType),
          DocumentKind: envelope.kind,
          MeetingPlace: envelope.meetingPlace,
          SentAt: envelope.sentAt,
        },
        TraceHeaderList: {
          TraceHeader: envelope.traceHeaderList.map((hop) => ({
            OrganId: hop.organId,
            Timestamp: hop.timestamp,
          })),
        },
        Signature: {
          KeyId: signature.keyId,
          Algorithm: signature.algorithm,
          Canonicalization: signature.canonicalization,
          Value: signature.value,
          Delegation: signature.delegation
            ? { Canonical: signature.delegation.canonical, Value: signature.delegation.value }
            : undefined,
        },
      },
      edXMLBody: {
        Attachment: message.attachments.map((attachment, index) => ({
          Name: attachment.name,
          ContentType: attachment.contentType,
          Size: envelope.attachments[index]?.size,
          Sha256: envelope.attachments[index]?.sha256,
          Content: Buffer.from(attachment.bytes).toString('base64'),
        })),
      },
    },
  };
  return new XMLBuilder({
    ignoreAttributes: false,
    format: true,
    indentBy: '  ',
    suppressEmptyNode: true,
  }).build(tree);
}

const REPEATED = new Set([
  'edXMLEnvelope.edXMLHeader.MessageHeader.To',
  'edXMLEnvelope.edXMLHeader.TraceHeaderList.TraceHeader',
  'edXMLEnvelope.edXMLBody.Attachment',
]);

type Node = Record<string, unknown>;
const NodeSchema = z.record(z.string(), z.unknown());
const ListSchema = z.array(z.unknown());
/** An element of fast-xml-parser's untyped output; anything else reads as an empty element. */
const node = (value: unknown): Node => NodeSchema.safeParse(value).data ?? {};
/** A REPEATED element, always parsed as an array (isArray below); absent, it is an empty list. */
const list = (value: unknown): unknown[] => ListSchema.safeParse(value).data ?? [];
const str = (value: unknown): string | undefined =>
  value === undefined || value === '' ? undefined : typeof value === 'string' ? value : String(value);
const num = (value: unknown): number | undefined => {
  const text = str(value);
  return text === undefined ? undefined : /^-?\d+$/.test(text) ? Number(text) : Number.NaN;
};
const organOf = (value: unknown) => {
  const organ = node(value);
  return {
    organId: str(organ.OrganId),
    organName: str(organ.OrganName),
    organAdd: str(organ.OrganAdd),
    email: str(organ.Email),
    telephone: str(organ.Telephone),
  };
};

/** Envelope field paths named as the XML elements they come from, for error messages. */
const XML_PATH_OF: Record<string, string> = {
  from: 'MessageHeader.From',
  to: 'MessageHeader.To',
  documentId: 'MessageHeader.DocumentId',
  code: 'MessageHeader.Code',
  codeNumber: 'CodeNumber',
  codeNotation: 'CodeNotation',
  promulgationInfo: 'MessageHeader.PromulgationInfo',
  place: 'Place',
  promulgationDate: 'PromulgationDate',
  documentType: 'MessageHeader.DocumentType',
  type: 'Type',
  typeName: 'TypeName',
  subject: 'MessageHeader.Subject',
  content: 'MessageHeader.Content',
  steeringType: 'MessageHeader.SteeringType',
  dueDate: 'MessageHeader.DueDate',
  signerInfo: 'MessageHeader.SignerInfo',
  competence: 'Competence',
  position: 'Position',
  fullName: 'FullName',
  priority: 'MessageHeader.OtherInfo.Priority',
  sphereOfPromulgation: 'MessageHeader.OtherInfo.SphereOfPromulgation',
  pageAmount: 'MessageHeader.OtherInfo.PageAmount',
  responseFor: 'MessageHeader.ResponseFor',
  businessType: 'MessageHeader.BusinessDocType',
  kind: 'MessageHeader.DocumentKind',
  meetingPlace: 'MessageHeader.MeetingPlace',
  sentAt: 'MessageHeader.SentAt',
  traceHeaderList: 'TraceHeaderList.TraceHeader',
  organId: 'OrganId',
  organName: 'OrganName',
  organAdd: 'OrganAdd',
  email: 'Email',
  telephone: 'Telephone',
  timestamp: 'Timestamp',
  attachments: 'edXMLBody.Attachment',
  name: 'Name',
  contentType: 'ContentType',
  size: 'Size',
  sha256: 'Sha256',
  keyId: 'Signature.KeyId',
  algorithm: 'Signature.Algorithm',
  canonicalization: 'Signature.Canonicalization',
  value: 'Value',
  delegation: 'Signature.Delegation',
  canonical: 'Canonical',
};

/** The 1-based line of the element a path names, found by walking its tags in document order. */
export function lineOfPath(xml: string, elements: readonly string[]): number | undefined {
  let from = 0;
  for (const element of elements) {
    const match = new RegExp(`<${element}[\\s>/]`).exec(xml.slice(from));
    if (!match) return undefined;
    from += match.index + 1;
  }
  return xml.slice(0, from).split('\n').length;
}

function xmlIssues(xml: string, root: string, issues: FieldIssue[]): FieldIssue[] {
  return issues.map((issue) => {
    const parts = issue.field.split('.');
    const elements: string[] = [root];
    const named: string[] = [];
    for (const part of parts) {
      if (/^\d+$/.test(part)) {
        named[named.length - 1] = `${named.at(-1)}[${Number(part) + 1}]`;
        continue;
      }
      const path = XML_PATH_OF[part] ?? part;
      elements.push(...path.split('.'));
      named.push(path);
    }
    const field = named.join('.') || root;
    const line = lineOfPath(xml, elements);
    return {
      field: line ? `${field} (dòng/line ${line})` : field,
      message: issue.message,
    };
  });
}

function malformed(vi: string, en: string, fields: FieldIssue[] = []): DomainError {
  return new DomainError('MALFORMED_XML', { vi, en }, fields);
}

/** Parses and validates an edXML message; anything wrong is named by its element and line. */
export function fromEdxml(xml: string): EdxmlMessage {
  if (Buffer.byteLength(xml, 'utf8') > MAX_EDXML_BYTES)
    throw malformed('Thông điệp quá lớn.', `The message is larger than ${MAX_EDXML_BYTES / 1024 / 1024} MB.`);
  // Entity declarations are how XML bombs and external-entity reads start; edXML never needs them.
  const doctype = /<!DOCTYPE|<!ENTITY/i.exec(xml);
  if (doctype) {
    const line = xml.slice(0, doctype.index).split('\n').length;
    throw malformed(
      'Không chấp nhận khai báo DOCTYPE/ENTITY.',
      'DOCTYPE and ENTITY declarations are not accepted.',
      [
        {
          field: `(dòng/line ${line})`,
          message: { vi: 'Bỏ khai báo DOCTYPE.', en: 'Remove the DOCTYPE declaration.' },
        },
      ],
    );
  }
  const syntax = XMLValidator.validate(xml);
  if (syntax !== true) {
    throw malformed('XML không đúng cú pháp.', 'The XML is not well-formed.', [
      {
        field: `(dòng/line ${syntax.err.line}, cột/column ${syntax.err.col})`,
        message: { vi: `Lỗi cú pháp XML: ${syntax.err.msg}`, en: syntax.err.msg },
      },
    ]);
  }
  let parsed: Node;
  try {
    parsed = node(
      new XMLParser({
        ignoreAttributes: true,
        parseTagValue: false,
        removeNSPrefix: true,
        maxNestedTags: MAX_EDXML_DEPTH,
        processEntities: { maxTotalExpansions: MAX_EDXML_ENTITY_REFERENCES },
        isArray: (_name, jpath) => REPEATED.has(String(jpath)),
      }).parse(xml),
    );
  } catch (error) {
    // The parser's own refusals (nesting past the limit, element names such as __proto__) are the
    // sender's fault, not ours: they get the same 400 as any other unreadable message.
    const reason = error instanceof Error ? error.message : String(error);
    throw malformed(
      `XML không đọc được (tối đa ${MAX_EDXML_DEPTH} cấp lồng nhau và ${MAX_EDXML_ENTITY_REFERENCES} tham chiếu ký tự, không dùng tên phần tử dành riêng).`,
      `The XML could not be read (at most ${MAX_EDXML_DEPTH} levels of nesting and ${MAX_EDXML_ENTITY_REFERENCES} character references, no reserved element names).`,
      [{ field: '(body)', message: { vi: `Lỗi đọc XML: ${reason}`, en: reason } }],
    );
  }
  const envelopeNode = node(parsed.edXMLEnvelope);
  if (!parsed.edXMLEnvelope) {
    throw malformed('Thiếu phần tử gốc edXMLEnvelope.', 'The root element edXMLEnvelope is missing.', [
      { field: 'edXMLEnvelope', message: { vi: 'Thiếu phần tử.', en: 'Missing element.' } },
    ]);
  }
  const header = node(node(envelopeNode.edXMLHeader).MessageHeader);
  const traces = node(node(envelopeNode.edXMLHeader).TraceHeaderList).TraceHeader;
  const signatureNode = node(node(envelopeNode.edXMLHeader).Signature);
  const files = list(node(envelopeNode.edXMLBody).Attachment);
  const businessIndex = num(header.BusinessDocType);

  const candidate = {
    kind: str(header.DocumentKind) ?? 'dispatch',
    documentId: str(header.DocumentId),
    from: organOf(header.From),
    to: list(header.To).map(organOf),
    code: {
      codeNumber: str(node(header.Code).CodeNumber),
      codeNotation: str(node(header.Code).CodeNotation),
    },
    promulgationInfo: {
      place: str(node(header.PromulgationInfo).Place),
      promulgationDate: str(node(header.PromulgationInfo).PromulgationDate),
    },
    documentType: {
      type: num(node(header.DocumentType).Type),
      typeName: str(node(header.DocumentType).TypeName),
    },
    subject: str(header.Subject),
    content: str(header.Content),
    steeringType: num(header.SteeringType),
    dueDate: str(header.DueDate),
    meetingPlace: str(header.MeetingPlace),
    signerInfo: {
      competence: str(node(header.SignerInfo).Competence),
      position: str(node(header.SignerInfo).Position),
      fullName: str(node(header.SignerInfo).FullName),
    },
    priority: num(node(header.OtherInfo).Priority),
    sphereOfPromulgation: str(node(header.OtherInfo).SphereOfPromulgation),
    pageAmount: num(node(header.OtherInfo).PageAmount),
    businessType: businessIndex === undefined ? undefined : (BUSINESS_TYPES[businessIndex] ?? 'invalid'),
    responseFor: str(header.ResponseFor),
    traceHeaderList: list(traces).map((hop) => ({
      organId: str(node(hop).OrganId),
      timestamp: str(node(hop).Timestamp),
    })),
    attachments: files.map((file) => ({
      name: str(node(file).Name),
      contentType: str(node(file).ContentType),
      size: num(node(file).Size),
      sha256: str(node(file).Sha256),
    })),
    sentAt: str(header.SentAt),
  };
  const delegation = node(signatureNode.Delegation);
  const signatureCandidate = {
    keyId: str(signatureNode.KeyId),
    algorithm: str(signatureNode.Algorithm),
    canonicalization: str(signatureNode.Canonicalization),
    value: str(signatureNode.Value),
    delegation: signatureNode.Delegation
      ? { canonical: str(delegation.Canonical), value: str(delegation.Value) }
      : undefined,
  };

  const envelope = DocumentEnvelopeSchema.safeParse(candidate);
  const signature = SignatureSchema.safeParse(signatureCandidate);
  const issues = [
    ...(envelope.success ? [] : xmlIssues(xml, 'edXMLHeader', fieldIssuesOf(envelope.error))),
    ...(signature.success ? [] : xmlIssues(xml, 'edXMLHeader', fieldIssuesOf(signature.error))),
  ];
  if (!envelope.success || !signature.success || issues.length > 0) {
    throw malformed('Thông điệp edXML không hợp lệ.', 'The edXML message is not valid.', issues);
  }
  const attachments = files.map((file, index): EdxmlAttachment => {
    const bytes = Buffer.from(str(node(file).Content) ?? '', 'base64');
    const described = envelope.data.attachments[index];
    if (!described || createHash('sha256').update(bytes).digest('hex') !== described.sha256) {
      throw malformed(
        'Tệp đính kèm không khớp mã băm đã ký.',
        'An attachment does not match its signed digest.',
        [
          {
            field: `edXMLBody.Attachment[${index + 1}].Content (dòng/line ${lineOfPath(xml, ['edXMLBody', ...Array(index + 1).fill('Attachment')]) ?? '?'})`,
            message: { vi: 'Nội dung tệp đã bị thay đổi.', en: 'The file content was changed.' },
          },
        ],
      );
    }
    return { name: described.name, contentType: described.contentType, bytes };
  });
  return { envelope: envelope.data, signature: signature.data, attachments };
}
