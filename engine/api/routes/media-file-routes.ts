/**
 * Recordings and audio assets: list, describe, sign a download URL, download by that URL (no token: the signature
 * and its expiry are the credential, as in Auvious's signed URLs); assets can also be uploaded and deleted.
 */
import { createReadStream } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { MediaFileKind } from '../../store/media-file-repository.js';
import type { MediaFile } from '../../store/store-types.js';
import { maxSignedUrlTtlSeconds } from '../api-config.js';
import type { ApiContext } from '../api-context.js';
import { ApiError } from '../api-error.js';
import { digits, idParams, listOf, mediaFileSchema, pageQuery, parsePage } from '../api-schemas.js';
import { errorResponse, type RouteConfig } from '../openapi-document.js';

const audioTypes = ['audio/wav', 'audio/x-wav', 'audio/wave', 'audio/mpeg', 'audio/mp3', 'audio/ogg', 'audio/basic'];

const collections: Record<MediaFileKind, string> = { recording: 'recordings', asset: 'assets' };

const signedUrlSchema = {
  type: 'object',
  properties: { url: { type: 'string' }, expiresAt: { type: 'integer', description: 'Epoch seconds' } },
};

export async function mediaFileRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  app.addContentTypeParser(audioTypes, { parseAs: 'buffer', bodyLimit: ctx.config.maxAssetBytes }, (_request, body, done) =>
    done(null, body),
  );

  for (const kind of ['recording', 'asset'] as const) describeCollection(app, ctx, kind);

  app.post<{ Querystring: { name: string } }>('/assets', {
    bodyLimit: ctx.config.maxAssetBytes,
    schema: {
      querystring: {
        type: 'object',
        required: ['name'],
        additionalProperties: false,
        properties: {
          name: {
            type: 'string',
            pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$',
            description: 'Unique asset name (letters, digits, _ . -)',
          },
        },
      },
    },
    config: {
      doc: {
        summary: 'Upload an audio asset for startPlayback',
        tags: ['assets'],
        rawBody: { contentTypes: audioTypes, description: `Audio bytes, at most ${ctx.config.maxAssetBytes}` },
        responses: {
          201: { description: 'Stored', schema: mediaFileSchema },
          400: errorResponse('Empty body or bad name'),
          409: errorResponse('An asset with this name exists'),
          413: errorResponse('Too large'),
          415: errorResponse('Not an audio content type'),
        },
      },
    } satisfies RouteConfig,
    handler: async (request, reply) => {
      const bytes = request.body;
      // JSON and text parsers stay registered in this scope for the signed-url routes, so a non-audio body
      // arrives parsed and is refused here.
      if (!Buffer.isBuffer(bytes)) {
        throw new ApiError(415, 'unsupported_media_type', `send the audio as the body (${audioTypes.join(', ')})`);
      }
      if (bytes.length === 0) throw new ApiError(400, 'empty_body', 'the audio body is empty');
      const contentType = String(request.headers['content-type']).split(';')[0]!.trim();
      const asset = ctx.store.mediaFiles.addAsset({ name: request.query.name, contentType, bytes });
      return reply.code(201).header('location', `/assets/${asset.id}`).send(asset);
    },
  });

  app.delete<{ Params: { id: string } }>('/assets/:id', {
    schema: { params: idParams('Asset id') },
    config: {
      doc: { summary: 'Delete an asset', tags: ['assets'], responses: { 204: { description: 'Deleted' }, 404: errorResponse('No such asset') } },
    } satisfies RouteConfig,
    handler: async (request, reply) => {
      ctx.store.mediaFiles.delete('asset', request.params.id);
      return reply.code(204).send();
    },
  });

  app.get<{ Params: { collection: string; id: string }; Querystring: { expires: string; signature: string } }>(
    '/files/:collection/:id',
    {
      schema: {
        params: {
          type: 'object',
          required: ['collection', 'id'],
          additionalProperties: false,
          properties: {
            collection: { type: 'string', enum: Object.values(collections) },
            id: { type: 'string', minLength: 1, maxLength: 128 },
          },
        },
        querystring: {
          type: 'object',
          required: ['expires', 'signature'],
          additionalProperties: false,
          properties: {
            expires: digits('Epoch seconds', 12),
            signature: { type: 'string', minLength: 1, maxLength: 128 },
          },
        },
      },
      config: {
        public: true,
        doc: {
          summary: 'Download a recording or asset by a signed URL',
          tags: ['recordings', 'assets'],
          responses: {
            200: { description: 'The file', contentType: 'application/octet-stream', schema: { type: 'string', format: 'binary' } },
            403: errorResponse('Bad signature or expired'),
            404: errorResponse('No such file'),
          },
        },
      } satisfies RouteConfig,
    },
    async (request, reply) => {
      const { collection, id } = request.params;
      const expires = Number(request.query.expires);
      const check = ctx.signer.checkDownload(`${collection}/${id}`, expires, request.query.signature, ctx.now() / 1000);
      if (check === 'bad_signature') throw new ApiError(403, 'bad_signature', 'the URL signature is not valid');
      if (check === 'expired') throw new ApiError(403, 'url_expired', 'the signed URL has expired', { expiresAt: expires });
      const kind = collection === collections.recording ? 'recording' : 'asset';
      const file = ctx.store.mediaFiles.get(kind, id);
      return reply
        .type(file.contentType)
        .header('content-length', file.sizeBytes)
        .header('content-disposition', `attachment; filename="${file.name.replace(/[^A-Za-z0-9_.-]/g, '_')}"`)
        .send(createReadStream(ctx.store.mediaFiles.pathOf(file)));
    },
  );
}

/** List, get and sign routes, the same for recordings and assets. */
function describeCollection(app: FastifyInstance, ctx: ApiContext, kind: MediaFileKind): void {
  const collection = collections[kind];
  const tags = [collection];

  app.get<{ Querystring: { session?: string; call?: string; limit?: string; offset?: string } }>(`/${collection}`, {
    schema: {
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: {
          ...(kind === 'recording' && {
            session: { type: 'string', minLength: 1, maxLength: 128, description: 'Session id' },
            call: { type: 'string', minLength: 1, maxLength: 128, description: 'Call id' },
          }),
          ...pageQuery,
        },
      },
    },
    config: {
      doc: { summary: `List ${collection}, newest first (offset + limit)`, tags, responses: { 200: { description: 'Files', schema: listOf(mediaFileSchema) } } },
    } satisfies RouteConfig,
    handler: async (request) => {
      const { session, call } = request.query;
      const filter = { ...parsePage(request.query), ...(session && { sessionId: session }), ...(call && { callId: call }) };
      return { items: ctx.store.mediaFiles.list(kind, filter) };
    },
  });

  app.get<{ Params: { id: string } }>(`/${collection}/:id`, {
    schema: { params: idParams(`${kind} id`) },
    config: {
      doc: { summary: `Get one ${kind}`, tags, responses: { 200: { description: 'The file', schema: mediaFileSchema }, 404: errorResponse(`No such ${kind}`) } },
    } satisfies RouteConfig,
    handler: async (request) => ctx.store.mediaFiles.get(kind, request.params.id),
  });

  app.post<{ Params: { id: string }; Body: { expiresInSeconds?: number } }>(`/${collection}/:id/signed-url`, {
    // The body is optional: a bare POST asks for the default lifetime.
    preValidation: async (request) => {
      request.body ??= {};
    },
    schema: {
      params: idParams(`${kind} id`),
      body: {
        type: 'object',
        additionalProperties: false,
        properties: { expiresInSeconds: { type: 'integer', minimum: 1, maximum: maxSignedUrlTtlSeconds } },
      },
    },
    config: {
      doc: {
        summary: `Create a download URL for a ${kind} that works without the token until it expires`,
        tags,
        responses: { 200: { description: 'The URL', schema: signedUrlSchema }, 404: errorResponse(`No such ${kind}`) },
      },
    } satisfies RouteConfig,
    handler: async (request) => {
      const file: MediaFile = ctx.store.mediaFiles.get(kind, request.params.id);
      const ttl = request.body.expiresInSeconds ?? ctx.config.signedUrlTtlSeconds;
      const expiresAt = Math.floor(ctx.now() / 1000) + ttl;
      const resource = `${collection}/${file.id}`;
      const signature = ctx.signer.signDownload(resource, expiresAt);
      return { url: `${ctx.baseUrl()}/files/${resource}?expires=${expiresAt}&signature=${signature}`, expiresAt };
    },
  });
}
