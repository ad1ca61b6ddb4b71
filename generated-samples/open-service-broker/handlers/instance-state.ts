// Created by brokergen from open-service-broker.yaml (Open Service Broker API 2.17).
// This file is yours to edit: brokergen merges your changes when it regenerates.

import type {
  GetServiceInstanceStateReply,
  GetServiceInstanceStateRequest,
  InstanceStateHandlers,
  UpdateServiceInstanceStateReply,
  UpdateServiceInstanceStateRequest,
} from '../server/handlers.js';
import { notImplemented } from '../server/runtime/index.js';

/** Handles the operations tagged Instance State. Each method answers 501 until you fill it in. */
export class InstanceStateService implements InstanceStateHandlers {
  /** Get the state of a Service Instance (IBM Cloud) */
  async getServiceInstanceState(
    request: GetServiceInstanceStateRequest,
  ): Promise<GetServiceInstanceStateReply> {
    return notImplemented('getServiceInstanceState');
  }
  /** Enable or disable a Service Instance (IBM Cloud) */
  async updateServiceInstanceState(
    request: UpdateServiceInstanceStateRequest,
  ): Promise<UpdateServiceInstanceStateReply> {
    return notImplemented('updateServiceInstanceState');
  }
}
