// Created by brokergen from open-service-broker.yaml (Open Service Broker API 2.17).
// This file is yours to edit: brokergen merges your changes when it regenerates.

import type { CatalogHandlers, GetCatalogReply, GetCatalogRequest } from '../server/handlers.js';
import { notImplemented } from '../server/runtime/index.js';

/** Handles the operations tagged Catalog. Each method answers 501 until you fill it in. */
export class CatalogService implements CatalogHandlers {
  /** Get the catalog */
  async getCatalog(request: GetCatalogRequest): Promise<GetCatalogReply> {
    return notImplemented('getCatalog');
  }
}
