// Created by brokergen from open-service-broker.yaml (Open Service Broker API 2.17).
// This file is yours to edit: brokergen merges your changes when it regenerates.

import type {
  CreateServiceBindingReply,
  CreateServiceBindingRequest,
  DeleteServiceBindingReply,
  DeleteServiceBindingRequest,
  FetchServiceBindingReply,
  FetchServiceBindingRequest,
  PollServiceBindingLastOperationReply,
  PollServiceBindingLastOperationRequest,
  ServiceBindingsHandlers,
} from '../server/handlers.js';
import { notImplemented } from '../server/runtime/index.js';

/** Handles the operations tagged Service Bindings. Each method answers 501 until you fill it in. */
export class ServiceBindingsService implements ServiceBindingsHandlers {
  /** Fetch a Service Binding */
  async fetchServiceBinding(
    request: FetchServiceBindingRequest,
  ): Promise<FetchServiceBindingReply> {
    return notImplemented('fetchServiceBinding');
  }
  /** Create a Service Binding */
  async createServiceBinding(
    request: CreateServiceBindingRequest,
  ): Promise<CreateServiceBindingReply> {
    return notImplemented('createServiceBinding');
  }
  /** Delete a Service Binding */
  async deleteServiceBinding(
    request: DeleteServiceBindingRequest,
  ): Promise<DeleteServiceBindingReply> {
    return notImplemented('deleteServiceBinding');
  }
  /** Poll the last operation of a Service Binding */
  async pollServiceBindingLastOperation(
    request: PollServiceBindingLastOperationRequest,
  ): Promise<PollServiceBindingLastOperationReply> {
    return notImplemented('pollServiceBindingLastOperation');
  }
}
